using System;
using System.Collections.Generic;
using System.Linq;

namespace Seedance.Client.Journal
{
    /// <summary>Replays the journal's events into one entry per idempotency key, each with the latest state learned about its task.</summary>
    internal static class JournalReplay
    {
        public static List<JournalEntry> Entries(IReadOnlyList<JournalEvent> events)
        {
            var byKey = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
            var keyOfTask = KeysOfTasks(events);
            foreach (var e in events)
            {
                var key = OwnerKey(e, keyOfTask);
                if (key is null)
                {
                    // An observation of a task this journal did not submit (for example Get-SeedanceTask -Id of a task from elsewhere).
                    continue;
                }

                if (!byKey.TryGetValue(key, out var entry))
                {
                    entry = new JournalEntry(key, e.At);
                    byKey.Add(key, entry);
                }

                Apply(entry, e);
            }

            return byKey.Values.OrderByDescending(entry => entry.SubmittedAt).ThenByDescending(entry => entry.TaskId, StringComparer.Ordinal).ToList();
        }

        /// <summary>Which submission (idempotency key) created each task id.</summary>
        public static Dictionary<string, string> KeysOfTasks(IReadOnlyList<JournalEvent> events)
        {
            var keyOfTask = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var e in events)
            {
                if (e.Kind == JournalEvent.SubmittedKind && e.Key is not null && e.AboutTask() is { } id)
                {
                    keyOfTask[id] = e.Key;
                }
            }

            return keyOfTask;
        }

        /// <summary>The idempotency key each event belongs to (null for observations of tasks the journal did not submit).</summary>
        public static string? OwnerKey(JournalEvent e, IReadOnlyDictionary<string, string> keyOfTask) =>
            e.Key ?? (e.AboutTask() is { } id && keyOfTask.TryGetValue(id, out var known) ? known : null);

        private static void Apply(JournalEntry entry, JournalEvent e)
        {
            if (e.At > entry.LastChangedAt)
            {
                entry.LastChangedAt = e.At;
            }

            switch (e.Kind)
            {
                case JournalEvent.SubmittingKind:
                    entry.Attempts++;
                    if (e.At < entry.SubmittedAt)
                    {
                        entry.SubmittedAt = e.At;
                    }

                    entry.Body ??= e.Body;
                    if (entry.BaseUri is null && e.BaseUri is not null && Uri.TryCreate(e.BaseUri, UriKind.Absolute, out var baseUri))
                    {
                        // 0.1.0 kept the user info of a base URI: it is credentials, and goes no further.
                        entry.BaseUri = SeedanceClientOptions.EndpointOf(baseUri);
                    }

                    break;
                case JournalEvent.RefusedKind:
                    entry.Refusals++;
                    entry.Refusal = e.Refusal;
                    break;
                case JournalEvent.SubmittedKind:
                case JournalEvent.ObservedKind:
                    entry.State = Merge(entry.State, e.Task);
                    break;
            }
        }

        private static SeedanceTask? Merge(SeedanceTask? known, SeedanceTask? learned)
        {
            if (learned is null || known is null)
            {
                return learned ?? known;
            }

            // A slower reader's older observation arrived after the final state: the final state stands.
            return known.IsFinished && !learned.IsFinished ? known : learned.FillFrom(known);
        }
    }
}
