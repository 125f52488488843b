using System;
using System.Collections.Generic;
using System.Linq;
using Seedance.Client.Requests;

namespace Seedance.Client.Waiting
{
    /// <summary>
    /// How long tasks take to render, learned from the tasks this process has seen complete. Durations are kept per
    /// "work unit" (a 5-second 720p standard clip is one unit) so that a 4k pro clip and a 4-second mini clip share
    /// one estimate. Thread-safe; <see cref="Shared"/> is process-wide, so every cmdlet and runspace learns together.
    /// </summary>
    internal sealed class CompletionTimeModel
    {
        /// <summary>How many of the latest completions the model keeps.</summary>
        internal const int Capacity = 64;
        private readonly object _gate = new();
        private readonly Queue<double> _recent = new();
        private double[] _sorted = Array.Empty<double>();
        private bool _recalled;

        /// <summary>The model every waiter in this process shares.</summary>
        public static CompletionTimeModel Shared { get; } = new();

        /// <summary>How many completions the estimate rests on.</summary>
        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _sorted.Length;
                }
            }
        }

        /// <summary>How much rendering work a task is relative to a 5-second 720p standard clip (1.0).</summary>
        public static double WorkUnits(SeedanceTask task)
        {
            if (task is null)
            {
                throw new ArgumentNullException(nameof(task));
            }

            var seconds = task.Duration ?? SeedanceValues.DefaultDuration;
            var resolution = task.Resolution switch
            {
                SeedanceValues.Resolution1080p => 1.6,
                SeedanceValues.Resolution1080pPlus => 2.0,
                SeedanceValues.Resolution4k => 3.0,
                _ => 1.0,
            };
            var tier = task.QualityTier switch
            {
                SeedanceValues.MiniTier => 0.6,
                SeedanceValues.ProTier => 1.5,
                _ => 1.0,
            };
            return seconds / (double)SeedanceValues.DefaultDuration * resolution * tier;
        }

        /// <summary>Learns from a completed task whose creation and completion times the API reported.</summary>
        public void Observe(SeedanceTask task)
        {
            if (task is null || !task.IsCompleted || task.CreatedAt is not { } created || task.UpdatedAt is not { } updated || updated <= created)
            {
                return;
            }

            Observe((updated - created).TotalSeconds / WorkUnits(task));
        }

        /// <summary>Learns one duration, in seconds per work unit.</summary>
        public void Observe(double secondsPerUnit)
        {
            if (double.IsNaN(secondsPerUnit) || secondsPerUnit <= 0)
            {
                return;
            }

            lock (_gate)
            {
                _recent.Enqueue(secondsPerUnit);
                if (_recent.Count > Capacity)
                {
                    _recent.Dequeue();
                }

                _sorted = _recent.OrderBy(static s => s).ToArray();
            }
        }

        /// <summary>
        /// Once per model, and only while it has learned nothing: learns from <paramref name="history"/>, completed tasks
        /// recorded earlier (oldest first), so a new session's first waits poll as well as the last session's did.
        /// </summary>
        public void RecallOnce(Func<IEnumerable<SeedanceTask>> history)
        {
            if (history is null)
            {
                throw new ArgumentNullException(nameof(history));
            }

            lock (_gate)
            {
                var first = !_recalled && _recent.Count == 0;
                _recalled = true;
                if (!first)
                {
                    return;
                }
            }

            foreach (var task in history())
            {
                Observe(task);
            }
        }

        /// <summary>The <paramref name="fraction"/> quantile of the render time of <paramref name="units"/> of work, or null before any completion.</summary>
        public TimeSpan? Quantile(double fraction, double units)
        {
            var sorted = Snapshot();
            if (sorted.Length == 0)
            {
                return null;
            }

            var position = Math.Max(0, Math.Min(1, fraction)) * (sorted.Length - 1);
            var low = (int)Math.Floor(position);
            var high = (int)Math.Ceiling(position);
            var value = sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
            return TimeSpan.FromSeconds(value * units);
        }

        /// <summary>The share of learned completions that took at most <paramref name="age"/> for <paramref name="units"/> of work.</summary>
        public double ChanceDoneBy(TimeSpan age, double units)
        {
            var sorted = Snapshot();
            if (sorted.Length == 0)
            {
                return 0;
            }

            var perUnit = age.TotalSeconds / units;
            var done = 0;
            while (done < sorted.Length && sorted[done] <= perUnit)
            {
                done++;
            }

            return (double)done / sorted.Length;
        }

        /// <summary>Forgets everything learned (for tests and benchmarks that need a cold start).</summary>
        public void Reset()
        {
            lock (_gate)
            {
                _recent.Clear();
                _sorted = Array.Empty<double>();
                _recalled = false;
            }
        }

        private double[] Snapshot()
        {
            lock (_gate)
            {
                return _sorted;
            }
        }
    }
}
