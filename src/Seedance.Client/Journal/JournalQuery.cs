using System;
using System.Collections.Generic;
using System.Linq;

namespace Seedance.Client.Journal
{
    /// <summary>Which journal entries to list: the filters of <c>Get-SeedanceTask</c> without <c>-Id</c>.</summary>
    internal sealed class JournalQuery
    {
        /// <summary>Only these statuses (<c>processing</c>, <c>completed</c>, <c>failed</c>, <c>unconfirmed</c>, <c>refused</c>), ignoring case.</summary>
        public IReadOnlyCollection<string>? Statuses { get; set; }

        /// <summary>Only submissions made at or after this time.</summary>
        public DateTimeOffset? Since { get; set; }

        /// <summary>Only submissions whose response never arrived (never one the API refused).</summary>
        public bool UnconfirmedOnly { get; set; }

        /// <summary>At most this many, newest first.</summary>
        public int? First { get; set; }

        /// <summary>The matching entries of <paramref name="entries"/>, newest first.</summary>
        public IReadOnlyList<JournalEntry> Apply(IEnumerable<JournalEntry> entries)
        {
            var selected = entries
                .Where(entry => Since is not { } since || entry.SubmittedAt >= since)
                .Where(entry => !UnconfirmedOnly || entry.IsUnconfirmed)
                .Where(entry => Statuses is not { Count: > 0 } statuses || statuses.Contains(entry.ToTask().Status, StringComparer.OrdinalIgnoreCase))
                .OrderByDescending(entry => entry.SubmittedAt);
            return (First is { } first ? selected.Take(first) : selected).ToList();
        }
    }
}
