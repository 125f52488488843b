using System;
using System.Collections.Generic;

namespace Seedance.Client.Waiting
{
    /// <summary>
    /// Decides which waiting task to poll next, and when. Pure logic on a given clock reading, so it is tested without
    /// waiting. With nothing learned yet, a task is polled at 1 s of age and then at ages growing by half each time; once
    /// completions have been seen, it is polled when it is probably done (at the 70th, 90th and 97th percentile of
    /// learned render times), then at widening gaps. When several are due, the one most likely done goes first, then
    /// the oldest: with a tight request budget every poll lands on the task most likely to answer "completed".
    /// </summary>
    internal sealed class PollPlanner
    {
        private static readonly TimeSpan ColdFirstPoll = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan ColdLongestGap = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan ShortestGap = TimeSpan.FromMilliseconds(20);
        private static readonly double[] Percentiles = { 0.7, 0.9, 0.97 };

        private readonly CompletionTimeModel _model;
        private readonly Random _random;
        private readonly List<WaitingTask> _pending = new();

        public PollPlanner(CompletionTimeModel model, Random random)
        {
            _model = model;
            _random = random;
        }

        public IReadOnlyList<WaitingTask> Pending => _pending;

        public WaitingTask Add(SeedanceTask task, DateTimeOffset now)
        {
            var waiting = new WaitingTask(task, now);
            _pending.Add(waiting);
            return waiting;
        }

        /// <summary>The age at which <paramref name="task"/> should next be polled.</summary>
        public TimeSpan NextPollAge(WaitingTask task)
        {
            if (!task.AgeKnown && task.Polls == 0)
            {
                return TimeSpan.Zero;
            }

            var last = task.LastPolledAge;
            if (_model.Count == 0)
            {
                if (last is not { } polledAt)
                {
                    return ColdFirstPoll;
                }

                var coldGap = Clamp(TimeSpan.FromTicks((long)(polledAt.Ticks * 0.5 * task.Jitter)), ShortestGap, ColdLongestGap);
                return polledAt + coldGap;
            }

            var median = _model.Quantile(0.5, task.Units)!.Value;
            var shortest = Max(ShortestGap, TimeSpan.FromTicks(median.Ticks / 20));
            // As the estimate moves during a batch, a task is not asked again sooner than a tenth of its age later.
            var spacing = last is { } previous ? Max(shortest, TimeSpan.FromTicks(previous.Ticks / 10)) : shortest;
            foreach (var percentile in Percentiles)
            {
                var age = TimeSpan.FromTicks((long)(_model.Quantile(percentile, task.Units)!.Value.Ticks * task.Jitter));
                if (last is not { } before || age >= before + spacing)
                {
                    return age;
                }
            }

            var slowest = _model.Quantile(1.0, task.Units)!.Value;
            var from = Max(last!.Value, slowest);
            var gap = Clamp(TimeSpan.FromTicks((long)(from.Ticks * 0.25 * task.Jitter)), shortest, Max(shortest, TimeSpan.FromTicks(median.Ticks / 2)));
            return from + gap;
        }

        /// <summary>When <paramref name="task"/> falls due, on the clock.</summary>
        public DateTimeOffset DueAt(WaitingTask task) => task.Origin + NextPollAge(task);

        /// <summary>The task to poll now, or null with the time the next one falls due.</summary>
        public WaitingTask? PickDue(DateTimeOffset now, out DateTimeOffset nextDue)
        {
            WaitingTask? best = null;
            var bestChance = -1.0;
            nextDue = DateTimeOffset.MaxValue;
            foreach (var task in _pending)
            {
                var due = DueAt(task);
                if (due > now)
                {
                    if (due < nextDue)
                    {
                        nextDue = due;
                    }

                    continue;
                }

                var chance = task.AgeKnown ? _model.ChanceDoneBy(task.Age(now), task.Units) : 1.0;
                if (best is null || chance > bestChance || (chance == bestChance && task.Origin < best.Origin))
                {
                    best = task;
                    bestChance = chance;
                }
            }

            if (best is not null)
            {
                nextDue = now;
            }

            return best;
        }

        /// <summary>Records what a poll saw; a finished task leaves the plan, a completed one teaches the model.</summary>
        public void Polled(WaitingTask task, SeedanceTask seen, DateTimeOffset polledAt)
        {
            task.Task = seen;
            task.Polls++;
            if (!task.AgeKnown && seen.CreatedAt is { } created)
            {
                task.AgeKnown = true;
                task.Origin = created < polledAt ? created : polledAt;
            }

            task.LastPolledAge = task.Age(polledAt);
            task.Jitter = 1.0 + (_random.NextDouble() * 0.1);
            if (seen.IsFinished)
            {
                _pending.Remove(task);
                _model.Observe(seen);
            }
        }

        /// <summary>Drops a task from the plan (its poll failed for good).</summary>
        public void Remove(WaitingTask task) => _pending.Remove(task);

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

        private static TimeSpan Clamp(TimeSpan value, TimeSpan low, TimeSpan high) => value < low ? low : value > high ? high : value;
    }
}
