using System;
using System.Collections.Generic;

namespace Seedance.Client.Waiting
{
    /// <summary>Where a wait stands: for progress bars.</summary>
    internal sealed class TaskWaitProgress
    {
        public TaskWaitProgress(int total, int completed, int failed, IReadOnlyList<SeedanceTask> pendingTasks, DateTimeOffset? expectedFinish)
        {
            Total = total;
            Completed = completed;
            Failed = failed;
            PendingTasks = pendingTasks;
            ExpectedFinish = expectedFinish;
        }

        /// <summary>Tasks in the wait.</summary>
        public int Total { get; }

        /// <summary>Tasks seen completed.</summary>
        public int Completed { get; }

        /// <summary>Tasks that failed, timed out or could not be read.</summary>
        public int Failed { get; }

        /// <summary>Tasks still rendering.</summary>
        public int Pending => PendingTasks.Count;

        /// <summary>The tasks still rendering, as last seen, oldest first.</summary>
        public IReadOnlyList<SeedanceTask> PendingTasks { get; }

        /// <summary>When the last pending task should be done, from the render times learned so far; null before any is known.</summary>
        public DateTimeOffset? ExpectedFinish { get; }
    }
}
