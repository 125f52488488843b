using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Seedance.Client.Tests.Journal;
using Seedance.Client.Journal;
using Seedance.Journal;
using Seedance.Client.Waiting;
using Xunit;

namespace Seedance.Client.Tests.Waiting
{
    /// <summary>A new session's waits start from the render times the journal recorded, not from nothing.</summary>
    public sealed class RenderTimeRecallTests
    {
        private static readonly Uri Sandbox = new("http://127.0.0.1:5080/");
        private static readonly DateTimeOffset Epoch = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

        private static SeedanceTask Finished(string id, string status, double seconds, int minute) => new()
        {
            Id = id,
            Status = status,
            QualityTier = "standard",
            CreatedAt = Epoch.AddMinutes(minute),
            UpdatedAt = Epoch.AddMinutes(minute).AddSeconds(seconds),
        };

        [Fact]
        public void The_journal_yields_its_newest_completed_tasks_oldest_first()
        {
            using var temp = new TemporaryJournal();
            for (var i = 0; i < 5; i++)
            {
                var key = "key-" + i;
                temp.Journal.Submitting(key, Encoding.UTF8.GetBytes("{\"prompt\":\"clip " + i + "\",\"duration\":\"5\"}"), Sandbox, Epoch.AddMinutes(i));
                temp.Journal.Submitted(key, new SeedanceTask { Id = "sd2_" + i, QualityTier = "standard" });
                temp.Journal.Observed(Finished("sd2_" + i, i == 2 ? TaskStatuses.Failed : TaskStatuses.Completed, 30 + i, i));
            }

            var recalled = JournalHistory.CompletedTasks(temp.Journal, 3).ToList();

            Assert.Equal(new[] { "sd2_1", "sd2_3", "sd2_4" }, recalled.Select(t => t.Id));
            Assert.All(recalled, task => Assert.Equal(5, task.Duration));
        }

        [Fact]
        public void An_empty_model_recalls_history_once_and_a_model_that_has_learned_never_does()
        {
            var reads = 0;
            IEnumerable<SeedanceTask> History()
            {
                reads++;
                return new[] { Finished("sd2_a", TaskStatuses.Completed, 40, 0), Finished("sd2_b", TaskStatuses.Completed, 60, 1) };
            }

            var fresh = new CompletionTimeModel();
            fresh.RecallOnce(History);
            fresh.RecallOnce(History);
            var warm = new CompletionTimeModel();
            warm.Observe(3.0);
            warm.RecallOnce(History);

            Assert.Equal(1, reads);
            Assert.Equal(2, fresh.Count);
            Assert.Equal(TimeSpan.FromSeconds(50), fresh.Quantile(0.5, 1));
            Assert.Equal(1, warm.Count);
        }

        [Fact]
        public async Task A_waiter_with_history_starts_its_planner_from_it()
        {
            var time = new VirtualTime();
            var api = new SimulatedApi(time, 30, TimeSpan.FromSeconds(6));
            var model = new CompletionTimeModel();
            var history = Enumerable.Range(0, 10).Select(i => Finished("sd2_h" + i, TaskStatuses.Completed, 4, i)).ToList();

            int? knownAtFirstPoll = null;
            Task<SeedanceTask> Poll(string id, System.Threading.CancellationToken token)
            {
                knownAtFirstPoll ??= model.Count;
                return api.Poll(id, token);
            }

            await time.RunAsync(new TaskWaiter(Poll, api, time, model, new Random(1), () => history)
                .WaitAsync(new[] { api.Submit(TimeSpan.FromSeconds(4)) }, null, _ => { }));

            Assert.Equal(history.Count, knownAtFirstPoll);
            Assert.Equal(TimeSpan.FromSeconds(4), model.Quantile(0.5, 1));
        }
    }
}
