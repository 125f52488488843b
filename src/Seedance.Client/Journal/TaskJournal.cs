using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Seedance.Client.Json;

namespace Seedance.Client.Journal
{
    /// <summary>
    /// The journal on disk: an append-only file of JSON lines, one small event per line, each written with one write call
    /// under an OS-level lock, so several processes and runspaces can append at once without tearing, losing or
    /// duplicating a line. Reading folds the events into one entry per submission; damaged lines are skipped and reported.
    /// </summary>
    /// <remarks>
    /// Only the line written before a submit is forced to the disk before the call returns: it is the one that keeps a
    /// charged task findable if the machine loses power once the request has left. Every later line reaches the disk in
    /// the operating system's own time (a crashed process loses none of them); one lost to a power cut leaves the entry
    /// unconfirmed, which Resume-SeedanceTask answers by resending the same key, free of charge.
    /// </remarks>
    internal sealed class TaskJournal : ITaskJournal
    {
        private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

        // Polling reports the same state many times; a line is written only when something changed (per file, per task).
        private static readonly ConcurrentDictionary<string, string> LastObserved = new(StringComparer.Ordinal);

        // The query of a URL inside a JSON string value: its signature, which changes on every read.
        private static readonly Regex UrlQuery = new("(?<=\"https?://[^\"?]*)\\?[^\"]*\"", RegexOptions.CultureInvariant);

        private readonly Action<string>? _warning;

        /// <summary>Opens (lazily creates) the journal file at <paramref name="path"/>.</summary>
        /// <param name="path">The journal file; its folder is created on first write.</param>
        /// <param name="warning">Receives a message when recording a task's later state fails (the task itself is not affected).</param>
        public TaskJournal(string path, Action<string>? warning = null)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("A journal path is required.", nameof(path));
            }

            Path = System.IO.Path.GetFullPath(path);
            _warning = warning;
        }

        /// <summary>The journal file.</summary>
        public string Path { get; }

        private string LockPath => Path + ".lock";

        /// <summary>
        /// Records the key and exact body before the POST leaves. Failure here is fatal to the submit (nothing is sent, so
        /// nothing is paid): a task that could be lost is never created.
        /// </summary>
        public void Submitting(string idempotencyKey, byte[] body, Uri baseUri, DateTimeOffset at)
        {
            if (body is null)
            {
                throw new ArgumentNullException(nameof(body));
            }

            try
            {
                Append(
                    new JournalEvent
                    {
                        Kind = JournalEvent.SubmittingKind,
                        At = at,
                        Key = idempotencyKey,
                        Body = body,
                        BaseUri = baseUri is null ? null : SeedanceClientOptions.EndpointOf(baseUri).AbsoluteUri,
                    },
                    toDisk: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SeedanceException(
                    SeedanceErrorCodes.InvalidConfiguration,
                    $"The task journal '{Path}' cannot be written ({e.Message}), so nothing was submitted. Fix the folder's permissions, choose another place with Set-SeedanceConfiguration -JournalPath, or turn the journal off with -NoJournal.",
                    innerException: e,
                    idempotencyKey: idempotencyKey);
            }
        }

        /// <inheritdoc />
        public void Submitted(string idempotencyKey, SeedanceTask task)
        {
            if (task is null)
            {
                throw new ArgumentNullException(nameof(task));
            }

            Remember(task);
            TryAppend(new JournalEvent { Kind = JournalEvent.SubmittedKind, At = DateTimeOffset.UtcNow, Key = idempotencyKey, Task = task }, KeepTaskId(task));
        }

        /// <inheritdoc />
        public void Refused(string idempotencyKey, SeedanceTaskError reason)
        {
            if (reason is null)
            {
                throw new ArgumentNullException(nameof(reason));
            }

            TryAppend(
                new JournalEvent { Kind = JournalEvent.RefusedKind, At = DateTimeOffset.UtcNow, Key = idempotencyKey, Refusal = reason },
                $"The API refused submission {idempotencyKey} and charged nothing, but the journal still lists it as unconfirmed: do not resume it.");
        }

        /// <inheritdoc />
        public void Observed(SeedanceTask task)
        {
            if (task is null)
            {
                throw new ArgumentNullException(nameof(task));
            }

            if (Remember(task))
            {
                TryAppend(new JournalEvent { Kind = JournalEvent.ObservedKind, At = DateTimeOffset.UtcNow, Task = task }, KeepTaskId(task));
            }
        }

        /// <summary>Reads the journal: one entry per submission, newest first; damaged lines are skipped and listed as warnings.</summary>
        public JournalSnapshot Read()
        {
            if (!File.Exists(Path))
            {
                return new JournalSnapshot(Array.Empty<JournalEntry>(), Array.Empty<string>());
            }

            byte[] content;
            using (AcquireLock())
            {
                content = ReadContent();
            }

            var events = Decode(content, null, out var warnings);
            return new JournalSnapshot(JournalReplay.Entries(events), warnings);
        }

        /// <summary>
        /// Removes finished tasks (completed or failed) whose last news is older than <paramref name="before"/>; unconfirmed and
        /// unfinished ones always stay. The file is rewritten through a temporary file and an atomic rename, under the lock.
        /// </summary>
        /// <returns>The entries removed.</returns>
        public IReadOnlyList<JournalEntry> Prune(DateTimeOffset before)
        {
            using (AcquireLock())
            {
                var content = ReadContent();
                var lines = new List<byte[]>();
                var events = Decode(content, lines, out _);
                var removed = JournalReplay.Entries(events).Where(entry => entry.IsFinished && entry.LastChangedAt < before).ToList();
                var removedKeys = new HashSet<string>(removed.Select(entry => entry.IdempotencyKey), StringComparer.Ordinal);
                var keyOfTask = JournalReplay.KeysOfTasks(events);
                var temporary = Path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                try
                {
                    using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                    {
                        OwnerOnlyFiles.RestrictFile(temporary);
                        for (var i = 0; i < events.Count; i++)
                        {
                            var owner = JournalReplay.OwnerKey(events[i], keyOfTask);
                            var orphanExpired = owner is null && events[i].At < before;
                            if ((owner is null || !removedKeys.Contains(owner)) && !orphanExpired)
                            {
                                output.Write(lines[i], 0, lines[i].Length);
                            }
                        }

                        output.Flush(true);
                    }

                    File.Replace(temporary, Path, null, ignoreMetadataErrors: true);
                }
                finally
                {
                    if (File.Exists(temporary))
                    {
                        File.Delete(temporary);
                    }
                }

                return removed;
            }
        }

        /// <summary>The events in <paramref name="content"/>; with <paramref name="lines"/>, also a copy of each good line's bytes.</summary>
        private static List<JournalEvent> Decode(byte[] content, List<byte[]>? lines, out List<string> warnings)
        {
            var events = new List<JournalEvent>();
            warnings = new List<string>();
            using var sha = SHA256.Create();
            var start = 0;
            var number = 0;
            while (start < content.Length)
            {
                number++;
                var end = Array.IndexOf(content, (byte)'\n', start);
                if (end < 0)
                {
                    warnings.Add(string.Format(CultureInfo.InvariantCulture, "The journal's last line ({0}) is incomplete, probably cut short by a crash; it was skipped.", number));
                    break;
                }

                if (!IsBlank(content, start, end))
                {
                    var decoded = JournalLine.TryDecode(content, start, end - start, sha, out var problem);
                    if (decoded is null)
                    {
                        warnings.Add(string.Format(CultureInfo.InvariantCulture, "Journal line {0} was skipped because {1}.", number, problem));
                    }
                    else
                    {
                        events.Add(decoded);
                        if (lines is not null)
                        {
                            var line = new byte[end - start + 1];
                            Buffer.BlockCopy(content, start, line, 0, line.Length);
                            lines.Add(line);
                        }
                    }
                }

                start = end + 1;
            }

            return events;
        }

        private static bool IsBlank(byte[] content, int start, int end)
        {
            for (var i = start; i < end; i++)
            {
                if (content[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// True when the task's state differs from the last one this process recorded. Result URLs count without their
        /// query: the API signs them afresh on every read, and a new signature is no news worth a line (or a flush).
        /// </summary>
        private bool Remember(SeedanceTask task)
        {
            var state = UrlQuery.Replace(JsonSerializer.Serialize(task, SeedanceJsonContext.Default.SeedanceTask), "\"");
            var slot = Path + "|" + task.Id;
            var changed = !LastObserved.TryGetValue(slot, out var previous) || previous != state;
            LastObserved[slot] = state;
            return changed;
        }

        /// <summary>Appends a line learned after a submit; failing that only warns, saying what the user must keep in mind.</summary>
        private void TryAppend(JournalEvent journalEvent, string ifLost)
        {
            try
            {
                Append(journalEvent, toDisk: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _warning?.Invoke($"The task journal '{Path}' could not record a line ({e.Message}). {ifLost}");
            }
        }

        private static string KeepTaskId(SeedanceTask task) => $"Keep the task id {task.Id}: the API cannot list tasks.";

        private void Append(JournalEvent journalEvent, bool toDisk)
        {
            var line = JournalLine.Encode(journalEvent);
            using (AcquireLock())
            using (var stream = OpenForAppend())
            {
                if (stream.Length > 0)
                {
                    stream.Seek(-1, SeekOrigin.End);
                    if (stream.ReadByte() != '\n')
                    {
                        // A crash left a torn last line: end it so this event starts on a line of its own.
                        stream.WriteByte((byte)'\n');
                    }
                }

                stream.Seek(0, SeekOrigin.End);
                stream.Write(line, 0, line.Length);
                stream.Flush(toDisk);
            }
        }

        private FileStream OpenForAppend()
        {
            if (File.Exists(Path))
            {
                return new FileStream(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            }

            var created = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            OwnerOnlyFiles.RestrictFile(Path);
            return created;
        }

        private byte[] ReadContent()
        {
            try
            {
                using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var content = new byte[stream.Length];
                var read = 0;
                int got;
                while (read < content.Length && (got = stream.Read(content, read, content.Length - read)) > 0)
                {
                    read += got;
                }

                // Read under the lock, so the file cannot have grown; a shorter read means it was truncated meanwhile.
                return read == content.Length ? content : content.AsSpan(0, read).ToArray();
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return Array.Empty<byte>();
            }
        }

        private JournalFileLock AcquireLock()
        {
            var folder = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(folder))
            {
                OwnerOnlyFiles.EnsureFolder(folder);
            }

            var lockExisted = File.Exists(LockPath);
            var held = JournalFileLock.Acquire(LockPath, LockTimeout);
            if (!lockExisted)
            {
                OwnerOnlyFiles.RestrictFile(LockPath);
            }

            return held;
        }
    }
}
