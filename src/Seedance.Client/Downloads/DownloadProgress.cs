namespace Seedance.Client.Downloads
{
    /// <summary>How far a download has come.</summary>
    /// <param name="Path">The final file name the download goes to.</param>
    /// <param name="BytesReceived">Bytes on disk so far, including any resumed part.</param>
    /// <param name="TotalBytes">The file's full length, when the server said.</param>
    /// <param name="BytesPerSecond">The average rate of this download so far.</param>
    internal sealed record DownloadProgress(string Path, long BytesReceived, long? TotalBytes, double BytesPerSecond)
    {
        /// <summary>Percent done (0–100), or -1 when the length is unknown.</summary>
        public int Percent => TotalBytes is > 0 and { } total ? (int)(BytesReceived * 100 / total) : -1;
    }
}
