using System.IO;

namespace Seedance.Client.Downloads
{
    /// <summary>A finished download.</summary>
    /// <param name="File">The complete file under its final name.</param>
    /// <param name="Skipped">True when the file was already there and nothing was downloaded.</param>
    /// <param name="Resumes">How many times a cut transfer was resumed with a Range request.</param>
    /// <param name="Refreshes">How many times an expired URL was replaced by a fresh one.</param>
    internal sealed record DownloadResult(FileInfo File, bool Skipped, int Resumes, int Refreshes);
}
