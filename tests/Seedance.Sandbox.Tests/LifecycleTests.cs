using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Seedance.Sandbox.Tests.Infrastructure;
using Xunit;

namespace Seedance.Sandbox.Tests
{
    /// <summary>Task states computed from timestamps: processing, then completed or failed (refunded).</summary>
    public sealed class LifecycleTests
    {
        [Fact]
        public async Task Task_is_processing_with_null_output_then_completed_with_output()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.ProcessingTime = TimeSpan.FromSeconds(1));
            var id = await sandbox.Api.SubmitAcceptedAsync();

            using var early = await sandbox.Api.GetTaskAsync(id);
            var processing = await SandboxApi.ReadJsonAsync(early);
            var finished = await sandbox.Api.WaitFinishedAsync(id);

            Assert.Equal("processing", processing.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, processing.GetProperty("output").ValueKind);
            Assert.Equal(JsonValueKind.Null, processing.GetProperty("error").ValueKind);
            Assert.Equal(processing.GetProperty("created_at").GetString(), processing.GetProperty("updated_at").GetString());
            Assert.Equal("completed", finished.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Object, finished.GetProperty("output").ValueKind);
            var created = CurlExampleTests.AssertTimestamp(finished.GetProperty("created_at").GetString()!);
            var updated = CurlExampleTests.AssertTimestamp(finished.GetProperty("updated_at").GetString()!);
            Assert.True(updated - created >= TimeSpan.FromSeconds(1));
        }

        [Fact]
        public async Task Fail_marker_fails_the_task_with_an_error_object_and_refunds_it()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var id = await sandbox.Api.SubmitAcceptedAsync("{\"prompt\":\"A fox [fail]\"}");

            var finished = await sandbox.Api.WaitFinishedAsync(id);

            Assert.Equal("failed", finished.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, finished.GetProperty("output").ValueKind);
            var error = finished.GetProperty("error");
            Assert.False(string.IsNullOrEmpty(error.GetProperty("code").GetString()));
            Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
            Assert.Equal(30, finished.GetProperty("credits_used").GetInt32());
            Assert.Equal(30, finished.GetProperty("credits_refunded").GetInt32());
            var account = sandbox.Host.Account(sandbox.Api.ApiKey);
            Assert.Equal(sandbox.Host.Options.InitialCredits, account.Balance);
            var refund = Assert.Single(account.Refunds);
            Assert.Equal(id, refund.TaskId);
            Assert.Equal(30, refund.Credits);
        }

        [Fact]
        public async Task Failed_task_refunds_even_if_nobody_asks_for_it()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.ProcessingTime = TimeSpan.FromMilliseconds(100));
            await sandbox.Api.SubmitAcceptedAsync("{\"prompt\":\"A fox [fail]\"}");
            var account = sandbox.Host.Account(sandbox.Api.ApiKey);

            await ErrorTableTests.WaitUntilAsync(() => account.Refunds.Count == 1);

            Assert.Equal(sandbox.Host.Options.InitialCredits, account.Balance);
        }

        [Fact]
        public async Task Takes_marker_sets_the_processing_time_of_its_task()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.ProcessingTime = TimeSpan.FromHours(1));
            var quick = await sandbox.Api.SubmitAcceptedAsync("{\"prompt\":\"A fox [takes:0.3]\"}");
            var slow = await sandbox.Api.SubmitAcceptedAsync("{\"prompt\":\"A wolf\"}");

            var finished = await sandbox.Api.WaitFinishedAsync(quick);
            using var other = await sandbox.Api.GetTaskAsync(slow);

            Assert.Equal("completed", finished.GetProperty("status").GetString());
            Assert.Equal("processing", (await SandboxApi.ReadJsonAsync(other)).GetProperty("status").GetString());
            var created = CurlExampleTests.AssertTimestamp(finished.GetProperty("created_at").GetString()!);
            var updated = CurlExampleTests.AssertTimestamp(finished.GetProperty("updated_at").GetString()!);
            Assert.Equal(300, (updated - created).TotalMilliseconds, 1);
        }

        [Fact]
        public async Task Processing_time_selector_chooses_each_tasks_time_from_its_prompt()
        {
            await using var sandbox = await TestSandbox.StartAsync(o =>
                o.ProcessingTimeSelector = prompt => prompt.Contains("quick", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromHours(1));
            var quick = await sandbox.Api.SubmitAcceptedAsync("{\"prompt\":\"A quick fox\"}");
            var slow = await sandbox.Api.SubmitAcceptedAsync("{\"prompt\":\"A lazy dog\"}");

            var finished = await sandbox.Api.WaitFinishedAsync(quick);
            using var other = await sandbox.Api.GetTaskAsync(slow);

            Assert.Equal("completed", finished.GetProperty("status").GetString());
            Assert.Equal("processing", (await SandboxApi.ReadJsonAsync(other)).GetProperty("status").GetString());
        }

        [Fact]
        public void Processing_time_by_prompt_is_the_same_in_every_process_and_spreads_within_its_range()
        {
            var byPrompt = SandboxOptions.ProcessingTimeByPrompt(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));
            var times = Enumerable.Range(1, 200).Select(i => byPrompt($"soak clip number {i:0000}")).ToList();

            // A fixed value: a time drawn from string.GetHashCode would differ from one process to the next.
            Assert.Equal(TimeSpan.FromMilliseconds(4657), byPrompt("soak clip number 0001"));
            Assert.Equal(times[0], byPrompt("soak clip number 0001"));
            Assert.All(times, t => Assert.InRange(t, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(4999)));
            Assert.True(times.Distinct().Count() > 100, $"only {times.Distinct().Count()} distinct times for 200 prompts");
        }

        [Fact]
        public async Task Output_seed_is_the_requested_seed()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var id = await sandbox.Api.SubmitAcceptedAsync("{\"prompt\":\"A fox\",\"seed\":4294967295}");

            var finished = await sandbox.Api.WaitFinishedAsync(id);

            Assert.Equal(4294967295, finished.GetProperty("output").GetProperty("seed").GetInt64());
        }

        [Theory]
        [InlineData("{\"prompt\":\"A fox\"}", 30)]
        [InlineData("{\"prompt\":\"A fox\",\"quality_tier\":\"mini\",\"duration\":\"4\"}", 12)]
        [InlineData("{\"prompt\":\"A fox\",\"resolution\":\"1080p\",\"duration\":\"10\"}", 120)]
        [InlineData("{\"prompt\":\"A fox\",\"quality_tier\":\"pro\",\"resolution\":\"1080p-plus\"}", 180)]
        [InlineData("{\"prompt\":\"A fox\",\"quality_tier\":\"pro\",\"resolution\":\"4k\",\"duration\":\"15\"}", 900)]
        public async Task Price_table_charges_the_documented_credits(string body, int credits)
        {
            await using var sandbox = await TestSandbox.StartAsync();
            using var response = await sandbox.Api.SubmitAsync(body);
            var json = await SandboxApi.ReadJsonAsync(response);

            Assert.Equal(credits, json.GetProperty("credits_used").GetInt32());
            Assert.Equal(sandbox.Host.Options.InitialCredits - credits, sandbox.Host.Account(sandbox.Api.ApiKey).Balance);
        }
    }
}
