using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Seedance.Sandbox.Tests.Infrastructure;
using Xunit;

namespace Seedance.Sandbox.Tests
{
    /// <summary>The per-account rate limit across the API endpoints (downloads are not counted).</summary>
    public sealed class RateLimitTests
    {
        [Fact]
        public async Task Submits_and_status_queries_share_one_budget_per_account()
        {
            await using var sandbox = await TestSandbox.StartAsync(o =>
            {
                o.RateLimitRequests = 4;
                o.RateLimitWindow = TimeSpan.FromSeconds(60);
            });
            sandbox.Host.AddAccount("sk_test_b", 1000);
            using var other = new SandboxApi(sandbox.Host, "sk_test_b");
            var id = await sandbox.Api.SubmitAcceptedAsync();
            for (var i = 0; i < 3; i++)
            {
                using var ok = await sandbox.Api.GetTaskAsync(id);
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }

            using var limitedGet = await sandbox.Api.GetTaskAsync(id);
            using var limitedSubmit = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody);
            using var otherAccount = await other.SubmitAsync(SandboxApi.ValidBody);

            await SandboxApi.AssertErrorAsync(limitedGet, 429, "rate_limited");
            await SandboxApi.AssertErrorAsync(limitedSubmit, 429, "rate_limited");
            Assert.Equal(HttpStatusCode.Accepted, otherAccount.StatusCode);
            Assert.Single(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
        }

        [Fact]
        public async Task Retry_after_is_the_rounded_up_wait_and_the_request_then_succeeds()
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
            await using var sandbox = await TestSandbox.StartAsync(o =>
            {
                o.Time = time;
                o.RateLimitRequests = 2;
                o.RateLimitWindow = TimeSpan.FromSeconds(1.5);
            });
            await sandbox.Api.SubmitAcceptedAsync();
            await sandbox.Api.SubmitAcceptedAsync();

            using var limited = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "after-wait");
            var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
            time.Advance(TimeSpan.FromSeconds(1.4));
            using var early = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "after-wait");
            time.Advance(TimeSpan.FromSeconds(retryAfter - 1.4));
            using var retried = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "after-wait");

            Assert.Equal(2, retryAfter);
            Assert.Equal(429, (int)early.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
            Assert.Equal(3, sandbox.Host.Account(sandbox.Api.ApiKey).Charges.Count);
        }

        [Fact]
        public async Task Result_downloads_are_not_counted()
        {
            await using var sandbox = await TestSandbox.StartAsync(o =>
            {
                o.RateLimitRequests = 2;
                o.RateLimitWindow = TimeSpan.FromSeconds(60);
                o.ProcessingTime = TimeSpan.Zero;
            });
            var id = await sandbox.Api.SubmitAcceptedAsync();
            using var status = await sandbox.Api.GetTaskAsync(id);
            var url = (await SandboxApi.ReadJsonAsync(status)).GetProperty("output").GetProperty("video_url").GetString();
            for (var i = 0; i < 5; i++)
            {
                using var download = await sandbox.Api.Http.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            }

            using var third = await sandbox.Api.GetTaskAsync(id);

            await SandboxApi.AssertErrorAsync(third, 429, "rate_limited");
        }

        [Fact]
        public async Task Admin_endpoints_are_not_rate_limited()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.RateLimitRequests = 1);
            await sandbox.Api.SubmitAcceptedAsync();

            for (var i = 0; i < 5; i++)
            {
                using var log = await sandbox.Api.Http.GetAsync(sandbox.Api.Url("_sandbox/log"));
                Assert.Equal(HttpStatusCode.OK, log.StatusCode);
                Assert.Equal(JsonValueKind.Array, (await SandboxApi.ReadJsonAsync(log)).ValueKind);
            }
        }
    }
}
