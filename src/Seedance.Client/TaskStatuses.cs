namespace Seedance.Client
{
    /// <summary>The task states the API documents.</summary>
    internal static class TaskStatuses
    {
        /// <summary>The job is still rendering.</summary>
        public const string Processing = "processing";

        /// <summary>The video is ready.</summary>
        public const string Completed = "completed";

        /// <summary>The job failed; credits may have been refunded.</summary>
        public const string Failed = "failed";
    }
}
