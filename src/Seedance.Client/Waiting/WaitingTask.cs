using System;

namespace Seedance.Client.Waiting
{
    /// <summary>One task a waiter is watching: what was last seen of it, and when it was last asked about.</summary>
    internal sealed class WaitingTask
    {
        public WaitingTask(SeedanceTask task, DateTimeOffset now)
        {
            Task = task;
            Units = CompletionTimeModel.WorkUnits(task);
            // Tasks known only by id have no creation time: ask about them at once. A creation time ahead of this
            // machine's clock (skew) counts as now.
            AgeKnown = task.CreatedAt is not null;
            Origin = task.CreatedAt is { } created && created < now ? created : now;
        }

        public SeedanceTask Task { get; set; }

        public double Units { get; }

        /// <summary>When the task started rendering, on this machine's clock.</summary>
        public DateTimeOffset Origin { get; set; }

        /// <summary>False for a task known by id only: it is polled at once to learn its state.</summary>
        public bool AgeKnown { get; set; }

        /// <summary>How old the task was at its last poll; null before the first.</summary>
        public TimeSpan? LastPolledAge { get; set; }

        public int Polls { get; set; }

        /// <summary>Drawn at each poll (1.0–1.1) so that tasks of the same age do not all fall due at one instant.</summary>
        public double Jitter { get; set; } = 1.0;

        public TimeSpan Age(DateTimeOffset now) => now - Origin;
    }
}
