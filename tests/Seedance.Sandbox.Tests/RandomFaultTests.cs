using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Seedance.Sandbox.Tests.Infrastructure;
using Xunit;

namespace Seedance.Sandbox.Tests
{
    /// <summary>Random fault injection for soaks: seeded, per-endpoint kinds, never 429, queued faults first.</summary>
    public sealed class RandomFaultTests
    {
        [Fact]
        public async Task Random_injection_at_full_rate_hits_every_task_read_with_a_task_kind_and_never_429()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.RateLimitRequests = 1000);
            sandbox.Host.Faults.InjectRandomly(1, seed: 7, TimeSpan.FromMilliseconds(10), afterBytes: 0);

            for (var i = 0; i < 40; i++)
            {
                try
                {
                    using var response = await sandbox.Api.GetTaskAsync("sd2_none");
                    Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
                }
                catch (HttpRequestException)
                {
                    // A dropped connection is one of the kinds.
                }
            }

            var injected = sandbox.Host.Faults.RandomlyInjected;
            Assert.Equal(40, injected.Values.Sum());
            Assert.True(injected.Count >= 3, string.Join(", ", injected));
            Assert.DoesNotContain(SandboxFaultKind.RateLimited429, injected.Keys);
            Assert.DoesNotContain(SandboxFaultKind.InternalErrorAfterCreate500, injected.Keys);
            Assert.DoesNotContain(SandboxFaultKind.CutDownload, injected.Keys);
            Assert.DoesNotContain(sandbox.Host.RequestLog, r => r.Status == 429);
        }

        [Fact]
        public async Task Random_injection_hits_about_its_share_of_requests_and_queued_faults_come_first()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.RateLimitRequests = 1000);
            sandbox.Host.Faults.InjectRandomly(0.1, seed: 11, TimeSpan.Zero, afterBytes: 0);
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.RateLimited429, endpoint: SandboxEndpoint.Task);

            using (var first = await sandbox.Api.GetTaskAsync("sd2_none"))
            {
                await SandboxApi.AssertErrorAsync(first, 429, "rate_limited");
            }

            for (var i = 0; i < 300; i++)
            {
                try
                {
                    using var response = await sandbox.Api.GetTaskAsync("sd2_none");
                }
                catch (HttpRequestException)
                {
                    // A dropped connection is one of the kinds.
                }
            }

            var injected = sandbox.Host.Faults.RandomlyInjected;
            var hits = injected.Values.Sum();
            Assert.InRange(hits, 10, 60);
            var slow = injected.TryGetValue(SandboxFaultKind.Slow, out var count) ? count : 0;
            Assert.Equal(hits - slow, sandbox.Host.RequestLog.Count(r => r.Status is not 404 and not 429));
        }

        [Fact]
        public async Task Random_injection_at_rate_zero_is_off()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.InjectRandomly(1, seed: 1, TimeSpan.Zero, afterBytes: 0);
            sandbox.Host.Faults.InjectRandomly(0, seed: 1, TimeSpan.Zero, afterBytes: 0);

            using var response = await sandbox.Api.GetTaskAsync("sd2_none");

            await SandboxApi.AssertErrorAsync(response, 404, "not_found");
            Assert.Empty(sandbox.Host.Faults.RandomlyInjected);
        }

        [Fact]
        public async Task Random_injection_draws_the_named_kinds_only_where_they_make_sense()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.RateLimitRequests = 1000);
            var (_, output) = await DownloadTests.CompletedAsync(sandbox);
            sandbox.Host.Faults.InjectRandomly(1, seed: 5, TimeSpan.Zero, afterBytes: 0, new[] { SandboxFaultKind.Redirect307, SandboxFaultKind.StallDownload });
            using var handler = new HttpClientHandler { AllowAutoRedirect = false };
            using var http = new HttpClient(handler);

            using var read = await http.GetAsync(sandbox.Api.Url("api/v1/tasks/sd2_none"));
            using (var download = await http.GetAsync(output.GetProperty("video_url").GetString(), HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            }

            Assert.Equal(HttpStatusCode.TemporaryRedirect, read.StatusCode);
            var injected = sandbox.Host.Faults.RandomlyInjected;
            Assert.Equal(1, injected[SandboxFaultKind.Redirect307]);
            Assert.Equal(1, injected[SandboxFaultKind.StallDownload]);
            Assert.Throws<ArgumentException>(() => sandbox.Host.Faults.InjectRandomly(1, seed: 5, TimeSpan.Zero, 0, new[] { SandboxFaultKind.RateLimited429 }));
        }
    }
}
