namespace Seedance.Client.Downloads
{
    /// <summary>How far a download has come.</summary>
    internal sealed class DownloadProgress
    {
        public DownloadProgress(string path, long bytesReceived, long? totalBytes, double bytesPerSecond)
        {
            Path = path;
            BytesReceived = bytesReceived;
            TotalBytes = totalBytes;
            BytesPerSecond = bytesPerSecond;
        }

        /// <summary>The final file name the download goes to.</summary>
        public string Path { get; }

        /// <summary>Bytes on disk so far, including any resumed part.</summary>
        public long BytesReceived { get; }

        /// <summary>The file's full length, when the server said.</summary>
        public long? TotalBytes { get; }

        /// <summary>The average rate of this download so far.</summary>
        public double BytesPerSecond { get; }

        /// <summary>Percent done (0–100), or -1 when the length is unknown.</summary>
        public int Percent => TotalBytes is > 0 and { } total ? (int)(BytesReceived * 100 / total) : -1;
    }
}
