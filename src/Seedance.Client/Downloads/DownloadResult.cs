using System.IO;

namespace Seedance.Client.Downloads
{
    /// <summary>A finished download.</summary>
    internal sealed class DownloadResult
    {
        public DownloadResult(FileInfo file, bool skipped, int resumes, int refreshes)
        {
            File = file;
            Skipped = skipped;
            Resumes = resumes;
            Refreshes = refreshes;
        }

        /// <summary>The complete file under its final name.</summary>
        public FileInfo File { get; }

        /// <summary>True when the file was already there and nothing was downloaded.</summary>
        public bool Skipped { get; }

        /// <summary>How many times a cut transfer was resumed with a Range request.</summary>
        public int Resumes { get; }

        /// <summary>How many times an expired URL was replaced by a fresh one.</summary>
        public int Refreshes { get; }
    }
}
