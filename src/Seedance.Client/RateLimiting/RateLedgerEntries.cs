using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Seedance.Client.RateLimiting
{
    /// <summary>
    /// What a ledger file says, in lines of ASCII text: <c>pause &lt;until&gt;</c>; <c>open &lt;owner&gt; &lt;slot&gt;</c> for
    /// a request in flight; <c>ended &lt;at&gt; &lt;count&gt;</c> for requests answered or abandoned, times in Unix
    /// milliseconds (UTC, the only clock processes share). A line it cannot read is dropped, so a torn write costs at most
    /// that line.
    /// </summary>
    /// <remarks>
    /// Each end is rounded up to a step of 1/<see cref="Resolution"/> of the window and ends of one step share a line (a
    /// slot frees at most that much late, never early), and only the newest ends up to the limit are kept, so the file
    /// stays a few dozen lines at any rate and a transaction costs the same with a limit of 30 or of 100,000.
    /// </remarks>
    internal sealed class RateLedgerEntries
    {
        /// <summary>Ends are rounded up to a step of the window divided by this.</summary>
        public const int Resolution = 64;

        private readonly List<Ended> _ended = new();

        public long PausedUntil { get; set; }

        public List<OpenSlot> Open { get; } = new();

        /// <summary>Slots in flight plus slots ended within the window (after <see cref="Prune"/>).</summary>
        public int Used
        {
            get
            {
                var used = Open.Count;
                foreach (var ended in _ended)
                {
                    used += ended.Count;
                }

                return used;
            }
        }

        public static RateLedgerEntries Parse(byte[] content, int length)
        {
            var entries = new RateLedgerEntries();
            foreach (var line in Encoding.ASCII.GetString(content, 0, length).Split('\n'))
            {
                var words = line.Split(' ');
                switch (words[0])
                {
                    case "pause" when words.Length == 2 && TryNumber(words[1], out var until):
                        entries.PausedUntil = Math.Max(entries.PausedUntil, until);
                        break;
                    case "open" when words.Length == 3 && words[1].Length > 0 && TryNumber(words[2], out var slot):
                        entries.Open.Add(new OpenSlot(words[1], slot));
                        break;
                    case "ended" when words.Length == 3 && TryNumber(words[1], out var at) && TryNumber(words[2], out var count) && count is > 0 and <= int.MaxValue:
                        entries.Insert(at, (int)count);
                        break;
                }
            }

            return entries;
        }

        public byte[] ToBytes()
        {
            var text = new StringBuilder();
            if (PausedUntil > 0)
            {
                text.Append("pause ").Append(PausedUntil.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            foreach (var open in Open)
            {
                text.Append("open ").Append(open.Owner).Append(' ').Append(open.Slot.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            foreach (var ended in _ended)
            {
                text.Append("ended ").Append(ended.At.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ended.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            return Encoding.ASCII.GetBytes(text.ToString());
        }

        /// <summary>Records a request that ended at <paramref name="at"/>, rounded up to the step its line stands for.</summary>
        public void AddEnded(long at, long window) => Insert(RoundUp(at, window), 1);

        /// <summary>
        /// Forgets what no longer counts at <paramref name="now"/>: ends a window old or more, the oldest ends beyond
        /// <paramref name="limit"/> (the newest ones alone decide when the next slot frees), and a pause that is over. An
        /// end stamped later than the step that holds now (a clock set back) counts from now. True when anything changed.
        /// </summary>
        public bool Prune(long now, long window, int limit)
        {
            var changed = false;
            while (_ended.Count > 0 && _ended[0].At + window <= now)
            {
                _ended.RemoveAt(0);
                changed = true;
            }

            var future = 0;
            var latest = RoundUp(now, window);
            while (_ended.Count > 0 && _ended[_ended.Count - 1].At > latest)
            {
                future += _ended[_ended.Count - 1].Count;
                _ended.RemoveAt(_ended.Count - 1);
            }

            if (future > 0)
            {
                Insert(latest, future);
                changed = true;
            }

            var excess = Used - Open.Count - limit;
            while (excess > 0)
            {
                var oldest = _ended[0];
                var dropped = Math.Min(oldest.Count, excess);
                if (dropped == oldest.Count)
                {
                    _ended.RemoveAt(0);
                }
                else
                {
                    _ended[0] = new Ended(oldest.At, oldest.Count - dropped);
                }

                excess -= dropped;
                changed = true;
            }

            if (PausedUntil != 0 && PausedUntil <= now)
            {
                PausedUntil = 0;
                changed = true;
            }

            return changed;
        }

        /// <summary>
        /// The earliest moment a slot can be free for one more request under <paramref name="limit"/>: now when one is, else
        /// when enough used slots have aged out, counting a slot in flight as ending no earlier than now. Never inside a pause.
        /// </summary>
        public long NextFree(long now, int limit, long window)
        {
            var next = now;
            var excess = Used - limit;
            if (excess >= 0)
            {
                // The (excess + 1)-th slot to free, earliest first: the ends in order, then those in flight (a window from now).
                next = now + window;
                var freed = 0;
                foreach (var ended in _ended)
                {
                    freed += ended.Count;
                    if (freed > excess)
                    {
                        next = Math.Max(now, ended.At + window);
                        break;
                    }
                }
            }

            return Math.Max(next, PausedUntil);
        }

        /// <summary>The end of the step of <paramref name="window"/>/<see cref="Resolution"/> that holds <paramref name="at"/>.</summary>
        private static long RoundUp(long at, long window)
        {
            var step = Math.Max(1, window / Resolution);
            return (at + step - 1) / step * step;
        }

        private static bool TryNumber(string text, out long value) =>
            long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);

        /// <summary>Adds <paramref name="count"/> ends at <paramref name="at"/>, in time order, on the line of that time if there is one.</summary>
        private void Insert(long at, int count)
        {
            var index = _ended.FindIndex(e => e.At >= at);
            if (index < 0)
            {
                _ended.Add(new Ended(at, count));
            }
            else if (_ended[index].At == at)
            {
                _ended[index] = new Ended(at, _ended[index].Count + count);
            }
            else
            {
                _ended.Insert(index, new Ended(at, count));
            }
        }

        /// <summary>A request in flight: its owner (a process) and the owner's number for it.</summary>
        internal readonly record struct OpenSlot(string Owner, long Slot);

        /// <summary>How many requests ended at one time.</summary>
        private readonly record struct Ended(long At, int Count);
    }
}
