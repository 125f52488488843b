using System.Collections.Generic;
using Seedance.Client.Journal;
using Seedance.Journal;

namespace Seedance.Session
{
    /// <summary>The session's journal for the cmdlets that read it; a journal that is turned off is an unusable configuration.</summary>
    internal static class SessionJournal
    {
        public static TaskJournal Open(SeedanceConfiguration session) =>
            session.OpenJournal(null) ?? throw new SeedanceException(
                SeedanceErrorCodes.InvalidConfiguration,
                "The task journal is turned off in this session (Set-SeedanceConfiguration -NoJournal or SEEDANCE_JOURNAL=off). Turn it on with Set-SeedanceConfiguration -JournalPath <file>, or -Reset.");

        /// <summary>Warnings about damaged journal lines, in the words a user needs.</summary>
        public static IEnumerable<string> Warnings(TaskJournal journal, JournalSnapshot snapshot)
        {
            foreach (var warning in snapshot.Warnings)
            {
                yield return $"{warning} (journal: {journal.Path})";
            }
        }
    }
}
