using System;
using Seedance.Client.Waiting;
using Xunit;

namespace Seedance.Client.Tests.Waiting
{
    public sealed class PollPlannerTests
    {
        private static readonly DateTimeOffset Now = VirtualTime.Epoch;

        [Fact]
        public void Cold_planner_waits_before_the_first_poll_then_backs_off()
        {
            var planner = new PollPlanner(new CompletionTimeModel(), new Random(1));
            var task = planner.Add(new SeedanceTask { Id = "sd2_a", CreatedAt = Now }, Now);

            Assert.Null(planner.PickDue(Now, out var due));
            Assert.Equal(TimeSpan.FromSeconds(1), due - Now);

            planner.Polled(task, new SeedanceTask { Id = "sd2_a", CreatedAt = Now }, Now.AddSeconds(1));
            var second = planner.NextPollAge(task);
            planner.Polled(task, new SeedanceTask { Id = "sd2_a", CreatedAt = Now }, Now + second);
            var third = planner.NextPollAge(task);

            Assert.True(second > TimeSpan.FromSeconds(1.4), $"second poll at {second}");
            Assert.True(third - second > second - TimeSpan.FromSeconds(1), $"gaps {second} then {third}");
        }

        [Fact]
        public void Task_known_only_by_id_is_polled_at_once()
        {
            var planner = new PollPlanner(new CompletionTimeModel(), new Random(1));
            planner.Add(new SeedanceTask { Id = "sd2_a" }, Now);

            Assert.NotNull(planner.PickDue(Now, out _));
        }

        [Fact]
        public void Task_known_only_by_id_learns_its_age_from_the_first_poll()
        {
            var model = new CompletionTimeModel();
            model.Observe(100);
            var planner = new PollPlanner(model, new Random(1));
            var task = planner.Add(new SeedanceTask { Id = "sd2_a" }, Now);

            planner.Polled(task, new SeedanceTask { Id = "sd2_a", CreatedAt = Now.AddSeconds(-90) }, Now);

            Assert.Equal(Now.AddSeconds(-90), task.Origin);
            Assert.True(planner.DueAt(task) <= Now.AddSeconds(20), $"due at {planner.DueAt(task) - Now} from now");
        }

        [Fact]
        public void Learned_planner_first_polls_at_the_70th_percentile_scaled_by_work()
        {
            var model = new CompletionTimeModel();
            for (var seconds = 100; seconds <= 200; seconds += 10)
            {
                model.Observe(seconds);
            }

            var planner = new PollPlanner(model, new Random(1));
            var standard = planner.Add(new SeedanceTask { Id = "sd2_a", CreatedAt = Now }, Now);
            var longPro = planner.Add(new SeedanceTask { Id = "sd2_b", CreatedAt = Now, QualityTier = "pro", Duration = 10 }, Now);

            Assert.Equal(170, planner.NextPollAge(standard).TotalSeconds, 0);
            Assert.Equal(170 * 3, planner.NextPollAge(longPro).TotalSeconds, 0);
        }

        [Fact]
        public void Of_due_tasks_the_one_most_likely_done_goes_first_then_the_oldest()
        {
            var model = new CompletionTimeModel();
            model.Observe(10);
            model.Observe(20);
            var planner = new PollPlanner(model, new Random(1));
            var young = planner.Add(new SeedanceTask { Id = "sd2_young", CreatedAt = Now.AddSeconds(-17) }, Now);
            var old = planner.Add(new SeedanceTask { Id = "sd2_old", CreatedAt = Now.AddSeconds(-25) }, Now);
            var older = planner.Add(new SeedanceTask { Id = "sd2_older", CreatedAt = Now.AddSeconds(-30) }, Now);

            Assert.Same(older, planner.PickDue(Now, out _));
            planner.Remove(older);
            Assert.Same(old, planner.PickDue(Now, out _));
            planner.Remove(old);
            Assert.Same(young, planner.PickDue(Now, out _));
        }

        [Fact]
        public void Completed_poll_removes_the_task_and_teaches_the_model()
        {
            var model = new CompletionTimeModel();
            var planner = new PollPlanner(model, new Random(1));
            var task = planner.Add(new SeedanceTask { Id = "sd2_a", CreatedAt = Now }, Now);

            planner.Polled(task, new SeedanceTask { Id = "sd2_a", Status = TaskStatuses.Completed, CreatedAt = Now, UpdatedAt = Now.AddSeconds(42) }, Now.AddSeconds(43));

            Assert.Empty(planner.Pending);
            Assert.Equal(42, model.Quantile(0.5, 1)!.Value.TotalSeconds, 3);
        }
    }
}
