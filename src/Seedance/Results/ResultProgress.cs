using System.Text;
using System.Globalization;
using Seedance.Client.Downloads;
using Seedance.Client.Waiting;

namespace Seedance.Results
{
    /// <summary>The progress bars of waiting (activity 1) and downloading (activity 2 and up, one per file).</summary>
    internal static class ResultProgress
    {
        public const int WaitActivityId = 1;
        private const string WaitActivity = "Waiting for Seedance tasks";
        private const int InFlightShown = 3;
        private const int PromptShown = 24;

        /// <summary>
        /// The share done as a percentage, when the last task is expected (from the render times learned so far), and the
        /// tasks in flight (id and the start of the prompt), most useful first: PowerShell 7's one-line bar cuts the end.
        /// </summary>
        public static ProgressRecord Waiting(TaskWaitProgress progress)
        {
            var finished = progress.Completed + progress.Failed;
            var percent = progress.Total > 0 ? finished * 100 / progress.Total : 100;
            var status = new StringBuilder();
            status.AppendFormat(CultureInfo.InvariantCulture, "{0} of {1} done ({2}%)", finished, progress.Total, percent);
            if (progress.Failed > 0)
            {
                status.AppendFormat(CultureInfo.InvariantCulture, ", {0} failed", progress.Failed);
            }

            if (progress.Pending > 0)
            {
                status.Append("; ").Append(Expected(progress.ExpectedFinish)).Append("; rendering ").Append(InFlight(progress.PendingTasks));
            }

            return new ProgressRecord(WaitActivityId, WaitActivity, status.ToString()) { PercentComplete = percent };
        }

        private static string Expected(DateTimeOffset? finish)
        {
            if (finish is not { } at)
            {
                return "learning how long tasks take";
            }

            var left = at - DateTimeOffset.UtcNow;
            return left.TotalSeconds < 1 ? "done any moment now"
                : left.TotalSeconds < 60 ? string.Format(CultureInfo.InvariantCulture, "about {0:0} s left", Math.Ceiling(left.TotalSeconds))
                : left.TotalHours < 1 ? string.Format(CultureInfo.InvariantCulture, "about {0}m{1:00}s left (by {2:HH:mm})", left.Minutes, left.Seconds, at.ToLocalTime())
                : string.Format(CultureInfo.InvariantCulture, "about {0}h{1:00}m left (by {2:HH:mm})", (int)left.TotalHours, left.Minutes, at.ToLocalTime());
        }

        private static string InFlight(IReadOnlyList<SeedanceTask> pending)
        {
            var shown = pending.Take(InFlightShown).Select(task => task.Prompt is { Length: > 0 } prompt
                ? $"{task.Id} '{(prompt.Length > PromptShown ? prompt.Substring(0, PromptShown) + "..." : prompt)}'"
                : task.Id);
            var more = pending.Count > InFlightShown ? string.Format(CultureInfo.InvariantCulture, " (+{0} more)", pending.Count - InFlightShown) : string.Empty;
            return string.Join(", ", shown) + more;
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
