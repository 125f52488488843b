using System;

namespace Seedance.Client.RateLimiting
{
    /// <summary>What a ledger said in one transaction, at <see cref="At"/> on the UTC clock every process shares.</summary>
    internal readonly struct RateLedgerAnswer
    {
        public RateLedgerAnswer(DateTimeOffset at, long? slot, int free, DateTimeOffset nextFree, DateTimeOffset pausedUntil)
        {
            At = at;
            Slot = slot;
            Free = free;
            NextFree = nextFree;
            PausedUntil = pausedUntil;
        }

        public DateTimeOffset At { get; }

        /// <summary>The slot taken for this process, when one was asked for and granted.</summary>
        public long? Slot { get; }

        /// <summary>How many requests could leave now, machine-wide (after any slot just taken).</summary>
        public int Free { get; }

        /// <summary>The earliest moment the next request may leave (<see cref="At"/> when one may leave now).</summary>
        public DateTimeOffset NextFree { get; }

        /// <summary>Until when a 429 paused the account (<see cref="DateTimeOffset.MinValue"/> for no pause).</summary>
        public DateTimeOffset PausedUntil { get; }
    }
}
