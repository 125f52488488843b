using System;
using System.Globalization;
using System.Management.Automation;
using Seedance.Downloads;
using Seedance.Waiting;

namespace Seedance.Results
{
    /// <summary>The progress bars of waiting (activity 1) and downloading (activity 2 and up, one per file).</summary>
    internal static class ResultProgress
    {
        public const int WaitActivityId = 1;
        private const string WaitActivity = "Waiting for Seedance tasks";

        public static ProgressRecord Waiting(TaskWaitProgress progress)
        {
            var finished = progress.Completed + progress.Failed;
            var oldest = progress.OldestPending is { } task && progress.OldestPendingAge is { } age
                ? string.Format(CultureInfo.InvariantCulture, "oldest pending: {0} ({1:0} s)", task.Id, age.TotalSeconds)
                : "none pending";
            return new ProgressRecord(
                WaitActivityId,
                WaitActivity,
                string.Format(CultureInfo.InvariantCulture, "{0} done, {1} failed, {2} pending; {3:hh\\:mm\\:ss} elapsed", progress.Completed, progress.Failed, progress.Pending, progress.Elapsed))
            {
                CurrentOperation = oldest,
                PercentComplete = progress.Total > 0 ? finished * 100 / progress.Total : 100,
            };
        }

        public static ProgressRecord WaitingDone() =>
            new(WaitActivityId, WaitActivity, "Done") { RecordType = ProgressRecordType.Completed };

        /// <summary>Removes the waiting bar, also when the pipeline is stopping or failed.</summary>
        public static void ClearWaiting(Cmdlet cmdlet)
        {
            try
            {
                cmdlet.WriteProgress(WaitingDone());
            }
            catch (PipelineStoppedException)
            {
                // Stopping: the host removes the bar with the pipeline.
            }
        }

        public static ProgressRecord Downloading(int activityId, DownloadProgress progress)
        {
            var status = progress.TotalBytes is { } total
                ? string.Format(CultureInfo.InvariantCulture, "{0} of {1} at {2}/s", Size(progress.BytesReceived), Size(total), Size((long)progress.BytesPerSecond))
                : string.Format(CultureInfo.InvariantCulture, "{0} at {1}/s", Size(progress.BytesReceived), Size((long)progress.BytesPerSecond));
            return new ProgressRecord(activityId, "Downloading " + System.IO.Path.GetFileName(progress.Path), status)
            {
                PercentComplete = Math.Max(-1, Math.Min(100, progress.Percent)),
            };
        }

        public static ProgressRecord DownloadingDone(int activityId, string path) =>
            new(activityId, "Downloading " + System.IO.Path.GetFileName(path), "Done") { RecordType = ProgressRecordType.Completed };

        private static string Size(long bytes) => bytes switch
        {
            >= 1L << 30 => string.Format(CultureInfo.InvariantCulture, "{0:0.0} GiB", bytes / (double)(1L << 30)),
            >= 1L << 20 => string.Format(CultureInfo.InvariantCulture, "{0:0.0} MiB", bytes / (double)(1L << 20)),
            >= 1L << 10 => string.Format(CultureInfo.InvariantCulture, "{0:0.0} KiB", bytes / 1024.0),
            _ => string.Format(CultureInfo.InvariantCulture, "{0} B", bytes),
        };
    }
}
