using System.Threading.Tasks;
using Seedance.Client.Requests;
using Seedance.Requests;
using Seedance.Client.Waiting;
using Xunit;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>The task a submit returns shows what was asked for, as the API spells it, with the API's defaults.</summary>
    public sealed class SubmittedTaskTests
    {
        [Fact]
        public async Task A_fresh_task_shows_the_resolution_and_duration_the_API_defaults_to()
        {
            await using var session = await SandboxSession.StartAsync();

            var task = await session.Client().SubmitAsync(new VideoRequest { Prompt = "A violin on a rooftop" });

            Assert.Equal(("720p", 5, "standard", "standard"), (task.Resolution, task.Duration, task.QualityTier, task.Channel));
            Assert.Equal("A violin on a rooftop", task.Prompt);
            Assert.NotNull(task.CreatedAt);
        }

        [Fact]
        public async Task A_fresh_task_spells_each_value_as_the_API_does_and_the_planner_weighs_it_so()
        {
            await using var session = await SandboxSession.StartAsync();

            var task = await session.Client().SubmitAsync(new VideoRequest { Prompt = "A fox at dawn", QualityTier = "PRO", Resolution = "4K", Duration = 5 });

            Assert.Equal(("pro", "4k"), (task.QualityTier, task.Resolution));
            Assert.Equal(3.0 * 1.5, CompletionTimeModel.WorkUnits(task), 3);
        }
    }
}
