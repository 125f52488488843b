using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Client.Waiting;
using Xunit;

namespace Seedance.Client.Tests.Waiting
{
    /// <summary>The waiter against a simulated API in virtual time, held to the targets.</summary>
    public sealed class TaskWaiterSimulationTests
    {
        [Theory]
        [InlineData(100, true)]
        [InlineData(100, false)]
        [InlineData(10, true)]
        public async Task Batch_finishes_near_the_lower_bound_with_few_requests_and_no_429(int count, bool warm)
        {
            var time = new VirtualTime();
            var api = new SimulatedApi(time, 30, TimeSpan.FromSeconds(6));
            var model = new CompletionTimeModel();
            var random = new Random(count);
            if (warm)
            {
                for (var i = 0; i < 20; i++)
                {
                    model.Observe(2 + (4 * random.NextDouble()));
                }
            }

            var tasks = Enumerable.Range(0, count).Select(_ => api.Submit(TimeSpan.FromSeconds(2 + (4 * random.NextDouble())))).ToList();
            var waiter = new TaskWaiter(api.Poll, api, time, model, new Random(7));
            var completed = new List<SeedanceTask>();

            await time.RunAsync(waiter.WaitAsync(tasks, null, outcome => completed.Add(outcome.Task)));

            var lowerBound = Max(api.LastFinish - VirtualTime.Epoch, api.RateBound(2 * count));
            Assert.Equal(count, completed.Count(t => t.IsCompleted));
            Assert.Equal(0, api.RateLimited);
            Assert.True(time.Elapsed.Ticks <= lowerBound.Ticks * 1.15, $"makespan {time.Elapsed} against lower bound {lowerBound}");
            Assert.True(api.Requests <= count * 2.5, $"{api.Requests} requests for {count} tasks");
        }

        [Fact]
        public async Task Tasks_are_reported_in_the_order_they_finish()
        {
            var time = new VirtualTime();
            var api = new SimulatedApi(time, 30, TimeSpan.FromSeconds(6));
            var slow = api.Submit(TimeSpan.FromSeconds(9));
            var fast = api.Submit(TimeSpan.FromSeconds(3));
            var order = new List<string>();

            await time.RunAsync(new TaskWaiter(api.Poll, api, time, new CompletionTimeModel(), new Random(1))
                .WaitAsync(new[] { slow, fast }, null, outcome => order.Add(outcome.Task.Id)));

            Assert.Equal(new[] { fast.Id, slow.Id }, order);
        }

        [Fact]
        public async Task Failed_task_is_reported_as_TaskFailed_carrying_the_task_and_its_refund()
        {
            var time = new VirtualTime();
            var api = new SimulatedApi(time, 30, TimeSpan.FromSeconds(6));
            var ok = api.Submit(TimeSpan.FromSeconds(2));
            var bad = api.Submit(TimeSpan.FromSeconds(2), fails: true);
            var outcomes = new List<TaskWaitOutcome>();

            await time.RunAsync(new TaskWaiter(api.Poll, api, time, new CompletionTimeModel(), new Random(1))
                .WaitAsync(new[] { ok, bad }, null, outcomes.Add));

            var failure = Assert.Single(outcomes, o => !o.IsCompleted).Error!;
            Assert.Equal(SeedanceErrorCodes.TaskFailed, failure.ErrorCode);
            Assert.Equal(bad.Id, failure.Task!.Id);
            Assert.True(failure.Task.IsFailed);
            Assert.Contains("The render failed", failure.Message, StringComparison.Ordinal);
            Assert.Contains("30 of 30 credits were refunded", failure.Message, StringComparison.Ordinal);
            Assert.Single(outcomes, o => o.IsCompleted && o.Task.Id == ok.Id);
        }

        [Fact]
        public async Task Timeout_reports_each_unfinished_task_with_its_last_known_state()
        {
            var time = new VirtualTime();
            var api = new SimulatedApi(time, 30, TimeSpan.FromSeconds(6));
            var quick = api.Submit(TimeSpan.FromSeconds(1));
            var stuck = new[] { api.Submit(TimeSpan.FromHours(1)), api.Submit(TimeSpan.FromHours(1)) };
            var outcomes = new List<TaskWaitOutcome>();

            await time.RunAsync(new TaskWaiter(api.Poll, api, time, new CompletionTimeModel(), new Random(1))
                .WaitAsync(stuck.Append(quick), TimeSpan.FromSeconds(30), outcomes.Add));

            Assert.True(time.Elapsed >= TimeSpan.FromSeconds(30));
            Assert.Single(outcomes, o => o.IsCompleted);
            var timeouts = outcomes.Where(o => !o.IsCompleted).Select(o => o.Error!).ToList();
            Assert.Equal(stuck.Select(t => t.Id).OrderBy(i => i), timeouts.Select(e => e.Task!.Id).OrderBy(i => i));
            Assert.All(timeouts, e => Assert.Equal(SeedanceErrorCodes.WaitTimeout, e.ErrorCode));
            Assert.All(timeouts, e => Assert.Equal(TaskStatuses.Processing, e.Task!.Status));
            Assert.All(timeouts, e => Assert.True(e.Task!.UpdatedAt is not null, "the last polled state, not the submitted one"));
        }

        [Fact]
        public async Task Cancelling_stops_the_wait_without_another_poll()
        {
            using var stop = new CancellationTokenSource();
            var time = new VirtualTime();
            var polls = 0;
            var task = new SeedanceTask { Id = "sd2_a", CreatedAt = time.GetUtcNow() };
            var waiter = new TaskWaiter((id, token) => { polls++; return Task.FromResult(task); }, new SimulatedApi(time, 30, TimeSpan.FromSeconds(6)), time, new CompletionTimeModel(), new Random(1));

            // Ctrl+C during the first wait.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => time.RunAsync(
                waiter.WaitAsync(new[] { task }, null, _ => { }, null, stop.Token),
                _ =>
                {
                    stop.Cancel();
                    return false;
                }));

            Assert.Equal(0, polls);
        }

        [Fact]
        public async Task Poll_waits_for_a_free_slot_of_the_rate_budget()
        {
            var time = new VirtualTime();
            var api = new SimulatedApi(time, 2, TimeSpan.FromSeconds(10));
            var tasks = new[] { api.Submit(TimeSpan.FromSeconds(1)), api.Submit(TimeSpan.FromSeconds(1)) };

            await time.RunAsync(new TaskWaiter(api.Poll, api, time, new CompletionTimeModel(), new Random(1))
                .WaitAsync(tasks, null, _ => { }));

            Assert.Equal(0, api.RateLimited);
            Assert.True(time.Elapsed >= TimeSpan.FromSeconds(10), $"polls before the window reopened: {time.Elapsed}");
        }

        [Theory]
        [InlineData(20, 60)]
        [InlineData(2, 6)]
        public async Task A_cold_batch_of_20_spends_at_most_2_2_requests_per_task_and_finishes_at_the_bound(double shortest, double window)
        {
            // 20 submits leave 10 requests of the first window: guesses at ages 1 s, 1.5 s, 2.25 s… would spend them all.
            var time = new VirtualTime();
            var api = new SimulatedApi(time, 30, TimeSpan.FromSeconds(window));
            var random = new Random(20);
            var tasks = Enumerable.Range(0, 20).Select(_ => api.Submit(TimeSpan.FromSeconds(shortest + ((window - shortest) * random.NextDouble())))).ToList();

            await time.RunAsync(new TaskWaiter(api.Poll, api, time, new CompletionTimeModel(), new Random(7)).WaitAsync(tasks, null, _ => { }));

            var lowerBound = Max(api.LastFinish - VirtualTime.Epoch, api.RateBound(2 * tasks.Count));
            Assert.True(api.Requests <= 20 * 2.2, $"{api.Requests} requests for 20 tasks");
            Assert.True(time.Elapsed <= lowerBound + TimeSpan.FromSeconds(window / 100), $"makespan {time.Elapsed} against lower bound {lowerBound}");
            Assert.Equal(0, api.RateLimited);
        }

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
    }
}
