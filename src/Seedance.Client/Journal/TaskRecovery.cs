using System;
using System.Collections.Generic;
using System.Linq;

namespace Seedance.Client.Journal
{
    /// <summary>
    /// Which journaled submissions can be recovered by resending their key and exact body. The API replays the original
    /// task for a key it still remembers; how long it remembers keys is not documented, so the module assumes a day (the
    /// common industry retention) and asks for -Force beyond it: after the API forgets a key, a resend is a new, paid job.
    /// </summary>
    internal static class TaskRecovery
    {
        /// <summary>How long the module assumes the API remembers an idempotency key.</summary>
        public static TimeSpan AssumedKeyRetention { get; } = TimeSpan.FromHours(24);

        /// <summary>True when <paramref name="entry"/> was first submitted within <see cref="AssumedKeyRetention"/> of <paramref name="now"/>.</summary>
        public static bool IsWithinKeyRetention(JournalEntry entry, DateTimeOffset now) =>
            entry is not null && now - entry.SubmittedAt <= AssumedKeyRetention;

        /// <summary>
        /// The unconfirmed entries (those whose submit response never arrived), oldest first, restricted to
        /// <paramref name="keys"/> when given; never one the API refused.
        /// </summary>
        public static IReadOnlyList<JournalEntry> Candidates(IEnumerable<JournalEntry> entries, IReadOnlyCollection<string>? keys) =>
            entries.Where(entry => entry.IsUnconfirmed && entry.Body is not null)
                .Where(entry => keys is not { Count: > 0 } || keys.Contains(entry.IdempotencyKey, StringComparer.Ordinal))
                .OrderBy(entry => entry.SubmittedAt)
                .ToList();
    }
}
