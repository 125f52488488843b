using System;

namespace Seedance.Client.RateLimiting
{
    /// <summary>What a waiter asks of an account's request budget before it polls.</summary>
    internal interface IRequestBudget
    {
        /// <summary>How many requests may leave per window.</summary>
        int RequestsPerWindow { get; }

        /// <summary>How long until <paramref name="count"/> requests asking now could all have left, behind everyone already waiting.</summary>
        TimeSpan TimeUntilSlots(int count);
    }
}
