using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Seedance.Journal;

namespace Seedance.Client.Journal
{
    /// <summary>Totals the credits the journal recorded: used, refunded and net, optionally grouped.</summary>
    internal static class CreditUsageReport
    {
        /// <summary>The name of the only group when nothing is grouped.</summary>
        public const string TotalGroup = "Total";

        /// <summary>
        /// The totals of <paramref name="entries"/> submitted at or after <paramref name="since"/> to
        /// <paramref name="endpoint"/> (every endpoint when null), one line per group, sorted by group.
        /// </summary>
        public static IReadOnlyList<CreditUsage> Compute(IEnumerable<JournalEntry> entries, CreditUsageGrouping groupBy, DateTimeOffset? since = null, Uri? endpoint = null)
        {
            var groups = new SortedDictionary<string, CreditUsage>(StringComparer.OrdinalIgnoreCase);
            // A refused submission created no task and cost nothing: it is no part of the spend.
            var counted = entries.Where(entry => !entry.IsRefused
                && (since is not { } from || entry.SubmittedAt >= from)
                && (endpoint is null || (entry.BaseUri is { } made && SeedanceClientOptions.SameEndpoint(made, endpoint))));
            foreach (var entry in counted)
            {
                var task = entry.ToTask();
                var name = GroupOf(entry, task, groupBy);
                if (!groups.TryGetValue(name, out var usage))
                {
                    usage = new CreditUsage(groupBy, name);
                    groups.Add(name, usage);
                }

                usage.Tasks++;
                usage.Unconfirmed += entry.IsUnconfirmed ? 1 : 0;
                usage.CreditsUsed += task.CreditsUsed ?? 0;
                usage.CreditsRefunded += task.CreditsRefunded ?? 0;
            }

            return groups.Values.ToList();
        }

        private static string GroupOf(JournalEntry entry, SeedanceTask task, CreditUsageGrouping groupBy) => groupBy switch
        {
            CreditUsageGrouping.Day => entry.SubmittedAt.ToLocalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            CreditUsageGrouping.QualityTier => task.QualityTier ?? "unknown",
            CreditUsageGrouping.Resolution => task.Resolution ?? "unknown",
            CreditUsageGrouping.Channel => task.Channel ?? "unknown",
            CreditUsageGrouping.Endpoint => entry.BaseUri?.AbsoluteUri ?? "unknown",
            _ => TotalGroup,
        };
    }
}
