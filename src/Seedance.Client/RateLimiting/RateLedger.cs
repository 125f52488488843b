using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Seedance.Client.Journal;

namespace Seedance.Client.RateLimiting
{
    /// <summary>
    /// One account's request budget shared by every process of this user on this machine: a small file (the account's
    /// name hashed, never the key) that each process reads and rewrites in one short transaction, holding the file itself
    /// as the same kind of lock as the journal's, in a folder only its owner can read. Each slot in flight names its owner (a process, see
    /// <see cref="RateLedgerOwner"/>), so the slots of a process that died come back a window after another process needed
    /// them; each answered slot keeps the moment its answer arrived, as the process's own governor does.
    /// </summary>
    /// <remarks>
    /// The governor in front calls it with its own lock held; releases are noted in memory and written with the next
    /// transaction, so a busy process pays one transaction per request.
    /// </remarks>
    internal sealed class RateLedger
    {
        private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

        /// <summary>How often a process in line behind other processes' requests in flight looks again, to find a dead owner soon.</summary>
        private const long LivenessPollMs = 1000;
        private readonly object _sync = new();
        private readonly List<KeyValuePair<long, long?>> _released = new();
        private readonly TimeProvider _time;
        private RateLedgerOwner? _owner;
        // Slot numbers are unique in the process, so two ledger objects for one file (after a setting changed back) never mix them up.
        private static long _lastSlot;
        private bool _restricted;

        /// <summary>The ledger of <paramref name="accountId"/> in <paramref name="folder"/>; nothing is read or written before the first transaction.</summary>
        /// <param name="folder">Where the processes that share the budget keep their ledgers.</param>
        /// <param name="accountId">The account's name (authority and key fingerprint).</param>
        /// <param name="time">The clock; the ledger keeps UTC times, the only clock processes share.</param>
        /// <param name="owner">This process (tests pass their own, to play several processes in one).</param>
        public RateLedger(string folder, string accountId, TimeProvider time, RateLedgerOwner? owner = null)
        {
            Folder = folder;
            FilePath = Path.Combine(folder, FileName(accountId));
            _time = time;
            _owner = owner;
        }

        public string Folder { get; }

        public string FilePath { get; }

        /// <summary>True while ends of slots wait to be written.</summary>
        public bool HasReleases
        {
            get
            {
                lock (_sync)
                {
                    return _released.Count > 0;
                }
            }
        }

        /// <summary>Writes the ends noted so far, then takes a slot if the machine-wide budget has one and no pause lasts.</summary>
        public RateLedgerAnswer TryTake(int limit, TimeSpan window) => Transact(limit, window, take: true, pauseUntil: 0);

        /// <summary>Writes the ends noted so far and tells what the budget looks like now.</summary>
        public RateLedgerAnswer Peek(int limit, TimeSpan window) => Transact(limit, window, take: false, pauseUntil: 0);

        /// <summary>Pauses every process of the account until <paramref name="until"/> (the API answered 429).</summary>
        public RateLedgerAnswer Pause(DateTimeOffset until, int limit, TimeSpan window) =>
            Transact(limit, window, take: false, pauseUntil: until.ToUnixTimeMilliseconds());

        /// <summary>
        /// Notes the end of a slot this ledger granted, stamped now; written with the next transaction.
        /// <paramref name="sent"/> false: the slot was never used (its waiter had left) and does not count.
        /// </summary>
        public void Release(long slot, bool sent)
        {
            var at = sent ? _time.GetUtcNow().ToUnixTimeMilliseconds() : (long?)null;
            lock (_sync)
            {
                _released.Add(new KeyValuePair<long, long?>(slot, at));
            }
        }

        /// <summary>
        /// One read-modify-write of the ledger, held open exclusively (the file is its own lock, so a transaction opens one
        /// file): notes this process's releases, forgets what aged out, then pauses, takes a slot, or only looks.
        /// </summary>
        private RateLedgerAnswer Transact(int limit, TimeSpan window, bool take, long pauseUntil)
        {
            var owner = Owner();
            using var held = JournalFileLock.Acquire(FilePath, LockTimeout);
            var file = held.Stream;
            if (!_restricted)
            {
                OwnerOnlyFiles.RestrictFile(FilePath);
                _restricted = true;
            }

            var content = new byte[file.Length];
            var length = 0;
            int read;
            while (length < content.Length && (read = file.Read(content, length, content.Length - length)) > 0)
            {
                length += read;
            }

            var entries = RateLedgerEntries.Parse(content, length);
            var now = _time.GetUtcNow();
            var nowMs = now.ToUnixTimeMilliseconds();
            var windowMs = (long)Math.Ceiling(window.TotalMilliseconds);
            var written = WriteReleases(entries, owner.Id, windowMs);
            var changed = written > 0 | entries.Prune(nowMs, windowMs, limit);
            if (pauseUntil > entries.PausedUntil)
            {
                entries.PausedUntil = pauseUntil;
                changed = true;
            }

            if (entries.Used >= limit && EndDeadOwners(entries, owner.Id, nowMs, windowMs))
            {
                changed = true;
            }

            long? slot = null;
            if (take && entries.PausedUntil <= nowMs && entries.Used < limit)
            {
                slot = Interlocked.Increment(ref _lastSlot);
                entries.Open.Add(new RateLedgerEntries.OpenSlot(owner.Id, slot.Value));
                changed = true;
            }

            if (changed)
            {
                var bytes = entries.ToBytes();
                file.Position = 0;
                file.Write(bytes, 0, bytes.Length);
                file.SetLength(bytes.Length);
            }

            Forget(written);

            var free = entries.PausedUntil > nowMs ? 0 : Math.Max(0, limit - entries.Used);
            var nextFree = entries.NextFree(nowMs, limit, windowMs);
            if (free == 0 && entries.Open.Exists(open => open.Owner != owner.Id))
            {
                nextFree = Math.Max(Math.Min(nextFree, nowMs + LivenessPollMs), entries.PausedUntil);
            }

            return new RateLedgerAnswer(
                now,
                slot,
                free,
                DateTimeOffset.FromUnixTimeMilliseconds(nextFree),
                entries.PausedUntil > nowMs ? DateTimeOffset.FromUnixTimeMilliseconds(entries.PausedUntil) : DateTimeOffset.MinValue);
        }

        /// <summary>Turns this process's noted releases into ended slots (or drops the unused ones); how many it took.</summary>
        private int WriteReleases(RateLedgerEntries entries, string ownerId, long window)
        {
            lock (_sync)
            {
                foreach (var release in _released)
                {
                    var index = entries.Open.FindIndex(open => open.Owner == ownerId && open.Slot == release.Key);
                    if (index >= 0)
                    {
                        entries.Open.RemoveAt(index);
                        if (release.Value is { } at)
                        {
                            entries.AddEnded(at, window);
                        }
                    }
                }

                return _released.Count;
            }
        }

        /// <summary>Forgets the first <paramref name="written"/> releases once the file holds them (a failed write keeps them for the next one).</summary>
        private void Forget(int written)
        {
            lock (_sync)
            {
                _released.RemoveRange(0, written);
            }
        }

        /// <summary>
        /// When the budget is used up, the slots of owners that died in flight end now: the request may have reached the
        /// server just before, so it counts a window from now, never less.
        /// </summary>
        private bool EndDeadOwners(RateLedgerEntries entries, string ownerId, long now, long window)
        {
            var dead = entries.Open
                .Select(open => open.Owner)
                .Where(id => id != ownerId)
                .Distinct(StringComparer.Ordinal)
                .Where(id => !RateLedgerOwner.IsAlive(Folder, id))
                .ToList();
            foreach (var id in dead)
            {
                foreach (var _ in entries.Open.Where(open => open.Owner == id))
                {
                    entries.AddEnded(now, window);
                }

                entries.Open.RemoveAll(open => open.Owner == id);
            }

            return dead.Count > 0;
        }

        private RateLedgerOwner Owner()
        {
            if (_owner is null)
            {
                if (Path.GetDirectoryName(Folder) is { Length: > 0 } parent)
                {
                    OwnerOnlyFiles.EnsureFolder(parent);
                }

                OwnerOnlyFiles.EnsureFolder(Folder);
                _owner = RateLedgerOwner.For(Folder);
            }

            return _owner;
        }

        /// <summary>The account's file name: a hash of its name (authority and key fingerprint), safe on every file system.</summary>
        private static string FileName(string accountId)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(accountId));
            var name = new StringBuilder(32 + 7);
            for (var i = 0; i < 16; i++)
            {
                name.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return name.Append(".ledger").ToString();
        }
    }
}
