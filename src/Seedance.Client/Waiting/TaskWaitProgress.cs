using System;
using System.Collections.Generic;

namespace Seedance.Client.Waiting
{
    /// <summary>Where a wait stands: for progress bars.</summary>
    /// <param name="Total">Tasks in the wait.</param>
    /// <param name="Completed">Tasks seen completed.</param>
    /// <param name="Failed">Tasks that failed, timed out or could not be read.</param>
    /// <param name="PendingTasks">The tasks still rendering, as last seen, oldest first.</param>
    /// <param name="ExpectedFinish">When the last pending task should be done, from the render times learned so far; null before any is known.</param>
    internal sealed record TaskWaitProgress(int Total, int Completed, int Failed, IReadOnlyList<SeedanceTask> PendingTasks, DateTimeOffset? ExpectedFinish)
    {
        /// <summary>Tasks still rendering.</summary>
        public int Pending => PendingTasks.Count;
    }
}
