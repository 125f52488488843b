using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Seedance.Client.Waiting
{
    /// <summary>
    /// Waits for many tasks in one loop: polls each when it is probably done (see <see cref="PollPlanner"/>), one poll at
    /// a time and only when the rate governor has a free slot, so submits from other cmdlets still get through. Reports
    /// each task as soon as it is seen finished.
    /// </summary>
    internal sealed class TaskWaiter
    {
        private readonly Func<string, CancellationToken, Task<SeedanceTask>> _poll;
        private readonly RateLimiting.IRequestBudget _budget;
        private readonly TimeProvider _time;
        private readonly CompletionTimeModel _model;
        private readonly Random _random;
        private readonly Func<IEnumerable<SeedanceTask>>? _history;

        /// <summary>
        /// Creates a waiter that polls through <paramref name="client"/> and learns in the process-wide model, which starts
        /// from the render times of the client's journal when this process has learned none yet.
        /// </summary>
        public TaskWaiter(SeedanceClient client)
            : this(
                  (client ?? throw new ArgumentNullException(nameof(client))).GetTaskAsync,
                  client.RateGovernor,
                  TimeProvider.System,
                  CompletionTimeModel.Shared,
                  new Random(),
                  client.Journal is Journal.TaskJournal journal ? () => Journal.JournalHistory.CompletedTasks(journal, CompletionTimeModel.Capacity) : null)
        {
        }

        internal TaskWaiter(
            Func<string, CancellationToken, Task<SeedanceTask>> poll,
            RateLimiting.IRequestBudget budget,
            TimeProvider time,
            CompletionTimeModel model,
            Random random,
            Func<IEnumerable<SeedanceTask>>? history = null)
        {
            _poll = poll;
            _budget = budget;
            _time = time;
            _model = model;
            _random = random;
            _history = history;
        }

        /// <summary>
        /// Waits until every task has completed, failed, or run out of <paramref name="timeout"/> (null: no limit).
        /// <paramref name="onOutcome"/> receives each task once, in the order they finish. Cancelling returns at once;
        /// the tasks themselves go on rendering.
        /// </summary>
        public async Task WaitAsync(
            IEnumerable<SeedanceTask> tasks,
            TimeSpan? timeout,
            Action<TaskWaitOutcome> onOutcome,
            Action<TaskWaitProgress>? onProgress = null,
            CancellationToken cancellationToken = default)
        {
            if (tasks is null)
            {
                throw new ArgumentNullException(nameof(tasks));
            }

            if (onOutcome is null)
            {
                throw new ArgumentNullException(nameof(onOutcome));
            }

            if (_history is not null)
            {
                _model.RecallOnce(_history);
            }

            var start = _time.GetUtcNow();
            var deadline = timeout is { } limit ? start + limit : DateTimeOffset.MaxValue;
            var planner = new PollPlanner(_model, _random);
            var counts = new WaitCounts();
            foreach (var task in tasks)
            {
                counts.Total++;
                if (task.IsFinished)
                {
                    Report(task, counts, onOutcome);
                }
                else
                {
                    planner.Add(task, start);
                }
            }

            onProgress?.Invoke(Snapshot(planner, counts));
            while (planner.Pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var now = _time.GetUtcNow();
                if (now >= deadline)
                {
                    foreach (var waiting in planner.Pending.ToArray())
                    {
                        planner.Remove(waiting);
                        counts.Failed++;
                        onOutcome(new TaskWaitOutcome(waiting.Task, TimedOut(waiting.Task, timeout!.Value)));
                    }

                    break;
                }

                var next = planner.PickDue(now, out var nextDue);
                if (next is null)
                {
                    await SleepAsync(Until(now, nextDue < deadline ? nextDue : deadline), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                // Until a render time is known a poll is a guess. When one window of the rate budget could confirm every
                // pending task, a guess leaves only once it could, so guesses never take the slots confirmations need
                // (with more tasks than a window holds, the budget is the bottleneck whatever is guessed).
                var pending = planner.Pending.Count;
                var slot = _budget.TimeUntilSlots(_model.Count == 0 && pending <= _budget.RequestsPerWindow ? pending : 1);
                if (slot > TimeSpan.Zero)
                {
                    await SleepAsync(now + slot < deadline ? slot : Until(now, deadline), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                SeedanceTask seen;
                try
                {
                    seen = await _poll(next.Task.Id, cancellationToken).ConfigureAwait(false);
                }
                catch (SeedanceException e)
                {
                    planner.Remove(next);
                    counts.Failed++;
                    onOutcome(new TaskWaitOutcome(next.Task, e));
                    onProgress?.Invoke(Snapshot(planner, counts));
                    continue;
                }

                seen.FillFrom(next.Task);
                planner.Polled(next, seen, _time.GetUtcNow());
                if (seen.IsFinished)
                {
                    Report(seen, counts, onOutcome);
                }

                onProgress?.Invoke(Snapshot(planner, counts));
            }
        }

        /// <summary>The error for a task that failed, with the API's reason and the refund in its message.</summary>
        public static SeedanceException Failed(SeedanceTask task)
        {
            if (task is null)
            {
                throw new ArgumentNullException(nameof(task));
            }

            var reason = task.Error?.ToString() is { Length: > 0 } text ? text : "the API gave no reason";
            var refund = task.CreditsRefunded is { } refunded
                ? string.Format(CultureInfo.InvariantCulture, " {0} of {1} credits were refunded.", refunded, task.CreditsUsed?.ToString(CultureInfo.InvariantCulture) ?? "?")
                : string.Empty;
            return new SeedanceException(SeedanceErrorCodes.TaskFailed, $"Task {task.Id} failed: {reason}.{refund}", task: task);
        }

        private static SeedanceException TimedOut(SeedanceTask task, TimeSpan timeout) =>
            new(
                SeedanceErrorCodes.WaitTimeout,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "Task {0} did not finish within {1:0.###} s; it was last seen '{2}'. It goes on rendering: wait for it again with Wait-SeedanceTask -Id {0}.",
                    task.Id,
                    timeout.TotalSeconds,
                    task.Status),
                task: task);

        private static void Report(SeedanceTask task, WaitCounts counts, Action<TaskWaitOutcome> onOutcome)
        {
            if (task.IsCompleted)
            {
                counts.Completed++;
                onOutcome(new TaskWaitOutcome(task, null));
            }
            else
            {
                counts.Failed++;
                onOutcome(new TaskWaitOutcome(task, Failed(task)));
            }
        }

        private static TimeSpan Until(DateTimeOffset now, DateTimeOffset then) => then > now ? then - now : TimeSpan.Zero;

        /// <summary>Timers count whole milliseconds: a shorter wait would end at once and the loop would spin until time moved.</summary>
        private Task SleepAsync(TimeSpan wait, CancellationToken cancellationToken) =>
            _time.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), cancellationToken);

        private TaskWaitProgress Snapshot(PollPlanner planner, WaitCounts counts)
        {
            var now = _time.GetUtcNow();
            var pending = planner.Pending.OrderBy(waiting => waiting.Origin).Select(waiting => waiting.Task).ToArray();
            return new TaskWaitProgress(counts.Total, counts.Completed, counts.Failed, pending, ExpectedFinish(planner, now));
        }

        /// <summary>
        /// When the last pending task should be done: each at its learned median render time, or, once past it, at the
        /// 90th percentile; never before now. Null until a render time is known.
        /// </summary>
        private DateTimeOffset? ExpectedFinish(PollPlanner planner, DateTimeOffset now)
        {
            DateTimeOffset? last = null;
            foreach (var waiting in planner.Pending)
            {
                if (_model.Quantile(0.5, waiting.Units) is not { } median)
                {
                    return null;
                }

                var expected = waiting.Origin + median;
                if (expected < now && _model.Quantile(0.9, waiting.Units) is { } late)
                {
                    expected = waiting.Origin + late;
                }

                expected = expected < now ? now : expected;
                last = last is { } before && before > expected ? before : expected;
            }

            return last;
        }

        private sealed class WaitCounts
        {
            public int Total { get; set; }

            public int Completed { get; set; }

            public int Failed { get; set; }
        }
    }
}
