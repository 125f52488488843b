using System;

namespace Seedance.Waiting
{
    /// <summary>Where a wait stands: for progress bars.</summary>
    public sealed class TaskWaitProgress
    {
        /// <summary>Creates a snapshot.</summary>
        public TaskWaitProgress(int total, int completed, int failed, int pending, int polls, TimeSpan elapsed, SeedanceTask? oldestPending, TimeSpan? oldestPendingAge)
        {
            Total = total;
            Completed = completed;
            Failed = failed;
            Pending = pending;
            Polls = polls;
            Elapsed = elapsed;
            OldestPending = oldestPending;
            OldestPendingAge = oldestPendingAge;
        }

        /// <summary>Tasks in the wait.</summary>
        public int Total { get; }

        /// <summary>Tasks seen completed.</summary>
        public int Completed { get; }

        /// <summary>Tasks that failed, timed out or could not be read.</summary>
        public int Failed { get; }

        /// <summary>Tasks still rendering.</summary>
        public int Pending { get; }

        /// <summary>Polls sent so far.</summary>
        public int Polls { get; }

        /// <summary>Time since the wait began.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>The pending task that was created first.</summary>
        public SeedanceTask? OldestPending { get; }

        /// <summary>How long the oldest pending task has been rendering.</summary>
        public TimeSpan? OldestPendingAge { get; }
    }
}
