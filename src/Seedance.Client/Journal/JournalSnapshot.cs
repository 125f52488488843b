using System.Collections.Generic;

namespace Seedance.Client.Journal
{
    /// <summary>The journal as read at one moment: its tasks, newest first, and what could not be read.</summary>
    internal sealed class JournalSnapshot
    {
        internal JournalSnapshot(IReadOnlyList<JournalEntry> entries, IReadOnlyList<string> warnings)
        {
            Entries = entries;
            Warnings = warnings;
        }

        /// <summary>One entry per submission (per idempotency key), newest first.</summary>
        public IReadOnlyList<JournalEntry> Entries { get; }

        /// <summary>Damaged lines that were skipped (a torn last line after a crash, a hand-edited line).</summary>
        public IReadOnlyList<string> Warnings { get; }
    }
}
