using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Seedance.Client.Journal
{
    /// <summary>What the journal remembers of earlier sessions' renders, for the wait planner to start from.</summary>
    internal static class JournalHistory
    {
        /// <summary>
        /// The newest <paramref name="count"/> completed tasks the journal recorded with both their creation and completion
        /// times, oldest first. A journal that cannot be read yields none: waiting never fails for want of history.
        /// </summary>
        public static IEnumerable<SeedanceTask> CompletedTasks(TaskJournal journal, int count)
        {
            IReadOnlyList<JournalEntry> entries;
            try
            {
                entries = journal.Read().Entries;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Enumerable.Empty<SeedanceTask>();
            }

            return entries
                .Select(entry => entry.ToTask())
                .Where(task => task.IsCompleted && task.UpdatedAt is not null)
                .OrderByDescending(task => task.UpdatedAt)
                .Take(count)
                .Reverse()
                .ToList();
        }
    }
}
