using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Client.RateLimiting;
using Seedance.RateLimiting;
using Seedance.Client.Requests;
using Seedance.Requests;
using Xunit;
using Xunit.Abstractions;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>The governor against the sandbox's own rate limit, time-scaled to 10 requests per 2 s.</summary>
    public sealed class RateGovernorSandboxTests
    {
        private const int Limit = 10;
        private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
        private readonly ITestOutputHelper _output;

        public RateGovernorSandboxTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task Forty_parallel_submits_are_all_accepted_without_a_single_429()
        {
            await using var session = await Start();
            var client = session.Client();
            var watch = Stopwatch.StartNew();

            var tasks = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.SubmitAsync(new VideoRequest { Prompt = $"Shot {i}: a lighthouse in fog" })));

            Assert.Equal(40, tasks.Select(t => t.Id).Distinct().Count());
            Assert.Equal(40, session.Charges.Count);
            Assert.Equal(40, session.Submits.Count);
            Assert.DoesNotContain(session.Host.RequestLog, r => r.Status == 429);

            _output.WriteLine($"40 submits at {Limit} per {Window.TotalSeconds} s: {watch.Elapsed.TotalSeconds:0.00} s, busiest window {BusiestWindow(session)} requests");

            // 40 requests at 10 per 2 s need at least three windows after the first batch.
            Assert.True(watch.Elapsed >= 3 * Window, $"40 submits took {watch.Elapsed}");
            Assert.Contains(session.Traces, t => t.Message.StartsWith("Waiting ", StringComparison.Ordinal) && t.Message.EndsWith("for the rate limit (10 requests per 2 s)", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Two_clients_on_two_threads_share_one_budget()
        {
            await using var session = await Start();
            var first = session.Client();
            var second = session.Client();
            Assert.Same(RateGovernor.For(session.Options()), RateGovernor.For(session.Options()));

            var runs = new[] { first, second }.Select(client => Task.Factory.StartNew(
                async () =>
                {
                    for (var i = 0; i < 15; i++)
                    {
                        await client.SubmitAsync(new VideoRequest { Prompt = $"Thread {Environment.CurrentManagedThreadId} shot {i}: rain on glass" });
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).Unwrap());
            await Task.WhenAll(runs);

            Assert.Equal(30, session.Charges.Count);
            _output.WriteLine($"two clients, 30 submits: busiest window {BusiestWindow(session)} requests");
            Assert.DoesNotContain(session.Host.RequestLog, r => r.Status == 429);
            var times = session.Submits.Select(r => r.At).OrderBy(t => t).ToList();
            for (var i = Limit; i < times.Count; i++)
            {
                Assert.True(times[i] - times[i - Limit] >= Window, $"request {i} arrived {times[i] - times[i - Limit]} after request {i - Limit}");
            }
        }

        [Fact]
        public async Task Polls_and_submits_draw_on_the_same_budget()
        {
            await using var session = await Start();
            var client = session.Client();
            var task = await client.SubmitAsync(new VideoRequest { Prompt = "A kite over dunes" });

            await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => client.GetTaskAsync(task.Id)));

            Assert.Equal(26, session.Host.RequestLog.Count(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)));
            Assert.DoesNotContain(session.Host.RequestLog, r => r.Status == 429);
        }

        [Fact]
        public async Task A_429_that_still_comes_pauses_every_caller_of_the_account()
        {
            await using var session = await Start();
            session.Host.Faults.Enqueue(Seedance.Sandbox.SandboxFaultKind.RateLimited429, 1, retryAfterSeconds: 1);
            var got429 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var submitter = session.Client(o => o.Trace = trace =>
            {
                if (trace.Message.Contains("-> 429 ", StringComparison.Ordinal))
                {
                    got429.TrySetResult();
                }
            });
            var submit = submitter.SubmitAsync(new VideoRequest { Prompt = "A fox in snow" });
            await got429.Task;

            await Assert.ThrowsAsync<SeedanceException>(() => session.Client().GetTaskAsync("sd2_other_caller"));
            await submit;

            var log = session.Host.RequestLog;
            var limited = log.Single(r => r.Status == 429);
            var other = log.Single(r => r.Path.EndsWith("sd2_other_caller", StringComparison.Ordinal));
            Assert.True(other.At - limited.At >= TimeSpan.FromSeconds(1), $"the other caller went {other.At - limited.At} after the 429");
        }

        [Fact]
        public async Task A_Retry_After_beyond_the_retry_budget_fails_that_call_and_the_following_ones_at_once_saying_until_when()
        {
            await using var session = await Start();
            session.Host.Faults.Enqueue(Seedance.Sandbox.SandboxFaultKind.RateLimited429, 1, Seedance.Sandbox.SandboxEndpoint.Task, retryAfterSeconds: 100_000);
            var client = session.Client(o => o.RetryBudget = TimeSpan.FromSeconds(30));
            var asked = DateTimeOffset.UtcNow;

            var first = await Assert.ThrowsAsync<SeedanceException>(() => client.GetTaskAsync("sd2_first_caller"));
            var next = client.GetTaskAsync("sd2_next_caller");
            Assert.Same(next, await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(10))));
            var following = await Assert.ThrowsAsync<SeedanceException>(() => next);

            foreach (var error in new[] { first, following })
            {
                Assert.Equal(SeedanceErrorCodes.RateLimited, error.ErrorCode);
                Assert.Equal((HttpStatusCode)429, error.Status);
                var until = Regex.Match(error.Message, "until (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) UTC");
                Assert.True(until.Success, error.Message);
                var at = DateTimeOffset.ParseExact(until.Groups[1].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                Assert.InRange(at, asked.AddSeconds(100_000 - 1), DateTimeOffset.UtcNow.AddSeconds(100_000 + 1));
                Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(100_000 - 20), TimeSpan.FromSeconds(100_000));
            }

            Assert.Single(session.Host.RequestLog, r => r.Path.StartsWith("/api/", StringComparison.Ordinal));
        }

        private static int BusiestWindow(SandboxSession session)
        {
            var times = session.Submits.Select(r => r.At).OrderBy(t => t).ToList();
            return times.Select(start => times.Count(t => t >= start && t < start + Window)).Max();
        }

        private static Task<SandboxSession> Start() => SandboxSession.StartAsync(o =>
        {
            o.RateLimitRequests = Limit;
            o.RateLimitWindow = Window;
        });
    }
}
