using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Seedance.Sandbox.Tests.Infrastructure;
using Xunit;

namespace Seedance.Sandbox.Tests
{
    /// <summary>Injected faults: before-create faults have no effect, after-create faults did create and charge.</summary>
    public sealed class FaultTests
    {
        [Theory]
        [InlineData(SandboxFaultKind.InternalErrorAfterCreate500)]
        [InlineData(SandboxFaultKind.DropConnectionAfterCreate)]
        public async Task After_create_fault_created_and_charged_and_a_retry_with_the_key_replays_that_task(SandboxFaultKind kind)
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(kind);

            if (kind == SandboxFaultKind.DropConnectionAfterCreate)
            {
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "lost-1"));
            }
            else
            {
                using var failed = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "lost-1");
                await SandboxApi.AssertErrorAsync(failed, 500, "internal_error");
            }

            var charge = Assert.Single(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
            var retried = await sandbox.Api.SubmitAcceptedAsync(SandboxApi.ValidBody, "lost-1");
            Assert.Equal(charge.TaskId, retried);
            Assert.Single(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
        }

        [Theory]
        [InlineData(SandboxFaultKind.InternalErrorBeforeCreate500)]
        [InlineData(SandboxFaultKind.DropConnectionBeforeCreate)]
        [InlineData(SandboxFaultKind.ServiceBusy503)]
        [InlineData(SandboxFaultKind.RateLimited429)]
        public async Task Before_create_fault_has_no_effect_and_a_retry_creates_the_task(SandboxFaultKind kind)
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(kind);

            if (kind == SandboxFaultKind.DropConnectionBeforeCreate)
            {
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "k-1"));
            }
            else
            {
                using var failed = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "k-1");
                Assert.True((int)failed.StatusCode >= 429);
            }

            Assert.Empty(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
            await sandbox.Api.SubmitAcceptedAsync(SandboxApi.ValidBody, "k-1");
            Assert.Single(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
        }

        [Fact]
        public async Task Invalid_request_fault_answers_400_and_charges_nothing()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.InvalidRequest400);

            using var response = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "k-400");

            await SandboxApi.AssertErrorAsync(response, 400, "invalid_request");
            Assert.Empty(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
        }

        [Fact]
        public async Task Rate_limited_fault_sends_the_given_retry_after()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.RateLimited429, retryAfterSeconds: 7);

            using var response = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody);

            await SandboxApi.AssertErrorAsync(response, 429, "rate_limited");
            Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
        }

        [Fact]
        public async Task Fault_hits_the_next_count_requests_of_its_endpoint_only()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var id = await sandbox.Api.SubmitAcceptedAsync();
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.ServiceBusy503, count: 2, endpoint: SandboxEndpoint.Task);

            var submitted = await sandbox.Api.SubmitAcceptedAsync();
            using var first = await sandbox.Api.GetTaskAsync(id);
            using var second = await sandbox.Api.GetTaskAsync(id);
            using var third = await sandbox.Api.GetTaskAsync(id);

            Assert.NotEqual(id, submitted);
            await SandboxApi.AssertErrorAsync(first, 503, "service_busy");
            await SandboxApi.AssertErrorAsync(second, 503, "service_busy");
            Assert.Equal(HttpStatusCode.OK, third.StatusCode);
            Assert.Equal(0, sandbox.Host.Faults.Pending);
        }

        [Fact]
        public async Task Slow_fault_delays_the_answer()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.Slow, endpoint: SandboxEndpoint.Any, delay: TimeSpan.FromMilliseconds(700));
            var clock = Stopwatch.StartNew();

            using var response = await sandbox.Api.GetTaskAsync("sd2_none");

            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(650), clock.Elapsed.ToString());
            await SandboxApi.AssertErrorAsync(response, 404, "not_found");
        }

        [Fact]
        public async Task Dropped_requests_are_logged_with_status_zero()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.DropConnectionBeforeCreate);

            await Assert.ThrowsAnyAsync<HttpRequestException>(() => sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "dropped"));

            var entry = Assert.Single(sandbox.Host.RequestLog);
            Assert.Equal(0, entry.Status);
            Assert.Equal("dropped", entry.IdempotencyKey);
        }

        [Fact]
        public async Task Admin_endpoint_queues_a_fault()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            using var content = new StringContent("{\"kind\":\"ServiceBusy503\",\"count\":1,\"endpoint\":\"Submit\"}", Encoding.UTF8, "application/json");
            using var queued = await sandbox.Api.Http.PostAsync(sandbox.Api.Url("_sandbox/faults"), content);
            Assert.Equal(HttpStatusCode.OK, queued.StatusCode);

            using var response = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody);

            await SandboxApi.AssertErrorAsync(response, 503, "service_busy");
        }

        [Fact]
        public async Task Admin_endpoint_tells_how_many_faulted_requests_are_still_to_come()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.ServiceBusy503, 2);
            Assert.Equal(2, await PendingAsync(sandbox));

            using (await sandbox.Api.SubmitAsync(SandboxApi.ValidBody))
            {
            }

            Assert.Equal(1, await PendingAsync(sandbox));
        }

        [Fact]
        public async Task Admin_endpoint_rejects_an_unknown_fault_kind()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            using var content = new StringContent("{\"kind\":\"Meteor\"}", Encoding.UTF8, "application/json");

            using var response = await sandbox.Api.Http.PostAsync(sandbox.Api.Url("_sandbox/faults"), content);

            await SandboxApi.AssertErrorAsync(response, 400, "invalid_request");
            Assert.Equal(0, sandbox.Host.Faults.Pending);
        }

        private static async Task<int> PendingAsync(TestSandbox sandbox)
        {
            using var response = await sandbox.Api.Http.GetAsync(sandbox.Api.Url("_sandbox/faults"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("pending").GetInt32();
        }
    }
}
