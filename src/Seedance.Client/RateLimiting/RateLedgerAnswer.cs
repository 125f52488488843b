using System;

namespace Seedance.Client.RateLimiting
{
    /// <summary>What a ledger said in one transaction, at <paramref name="At"/> on the UTC clock every process shares.</summary>
    /// <param name="At">When the ledger answered.</param>
    /// <param name="Slot">The slot taken for this process, when one was asked for and granted.</param>
    /// <param name="Free">How many requests could leave now, machine-wide (after any slot just taken).</param>
    /// <param name="NextFree">The earliest moment the next request may leave (<paramref name="At"/> when one may leave now).</param>
    /// <param name="PausedUntil">Until when a 429 paused the account (<see cref="DateTimeOffset.MinValue"/> for no pause).</param>
    internal readonly record struct RateLedgerAnswer(DateTimeOffset At, long? Slot, int Free, DateTimeOffset NextFree, DateTimeOffset PausedUntil);
}
