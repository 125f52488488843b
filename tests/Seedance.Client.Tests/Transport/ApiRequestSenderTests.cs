using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Client.Http;
using Xunit;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>Retries, backoff, budget and timeouts of one call, against a scripted API in virtual time.</summary>
    public sealed class ApiRequestSenderTests
    {
        private static readonly TimeSpan Slack = ApiPipelines.TimerSlack;
        private static readonly Func<CancellationToken, Task<HttpResponseMessage>> Accepted = ScriptedApi.Answer(202);
        private static readonly Func<CancellationToken, Task<HttpResponseMessage>> Busy = ScriptedApi.Answer(503, "service_busy");
        private readonly ConcurrentQueue<string> _traces = new();

        [Fact]
        public async Task Three_503s_then_success_take_four_attempts_and_trace_each_retry()
        {
            var time = new VirtualTime();
            var api = new ScriptedApi(Busy, Busy, Busy, Accepted);

            await time.RunAsync(Send(Options(time), api), IsRetryWait);

            Assert.Equal(4, api.Sent.Count);
            Assert.Equal(3, _traces.Count(line => line.StartsWith("Retrying in ", StringComparison.Ordinal) && line.Contains("503 service_busy", StringComparison.Ordinal)));
            Assert.Contains(_traces, line => line.EndsWith("(attempt 4 of 7)", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Every_retry_resends_the_same_idempotency_key_and_the_same_bytes()
        {
            var time = new VirtualTime();
            var api = new ScriptedApi(Busy, ScriptedApi.Fail(new HttpRequestException("reset")), ScriptedApi.Answer(500, "internal_error"), Accepted);

            await time.RunAsync(Send(Options(time), api), IsRetryWait);

            Assert.Equal(4, api.Sent.Count);
            Assert.All(api.Sent, sent => Assert.Equal("sdps-test", sent.IdempotencyKey));
            Assert.All(api.Sent, sent => Assert.Equal(Body, sent.Body));
        }

        [Theory]
        [InlineData(500, "internal_error")]
        [InlineData(502, "bad_gateway")]
        [InlineData(503, "service_busy")]
        [InlineData(504, "gateway_timeout")]
        public async Task Server_errors_are_retried(int status, string code)
        {
            var time = new VirtualTime();
            var api = new ScriptedApi(ScriptedApi.Answer(status, code), Accepted);

            await time.RunAsync(Send(Options(time), api), IsRetryWait);

            Assert.Equal(2, api.Sent.Count);
        }

        [Theory]
        [InlineData(400, "invalid_request")]
        [InlineData(401, "unauthorized")]
        [InlineData(402, "insufficient_credits")]
        [InlineData(403, "forbidden")]
        [InlineData(404, "not_found")]
        [InlineData(409, "idempotency_conflict")]
        public async Task Client_errors_are_attempted_once(int status, string code)
        {
            var time = new VirtualTime();
            var api = new ScriptedApi(ScriptedApi.Answer(status, code), Accepted);

            var error = await Assert.ThrowsAsync<SeedanceException>(() => time.RunAsync(Send(Options(time), api), IsRetryWait));

            Assert.Single(api.Sent);
            Assert.Equal(code, error.ErrorCode);
            Assert.Equal((HttpStatusCode)status, error.Status);
            Assert.Equal("sdps-test", error.IdempotencyKey);
            Assert.Equal("POST /api/v1/video/seedance2", error.Request);
        }

        [Fact]
        public async Task Max_retries_limits_the_attempts_and_the_last_error_stands()
        {
            var time = new VirtualTime();
            var api = new ScriptedApi(Busy, Busy, ScriptedApi.Answer(500, "internal_error"), Accepted);

            var error = await Assert.ThrowsAsync<SeedanceException>(() => time.RunAsync(Send(Options(time, o => o.MaxRetries = 2), api), IsRetryWait));

            Assert.Equal(3, api.Sent.Count);
            Assert.Equal("internal_error", error.ErrorCode);
        }

        [Fact]
        public async Task Zero_retries_sends_once()
        {
            var time = new VirtualTime();
            var api = new ScriptedApi(Busy, Accepted);

            await Assert.ThrowsAsync<SeedanceException>(() => time.RunAsync(Send(Options(time, o => o.MaxRetries = 0), api), IsRetryWait));

            Assert.Single(api.Sent);
        }

        [Fact]
        public async Task A_429_is_retried_after_exactly_its_retry_after()
        {
            var time = new VirtualTime();
            var api = new ScriptedApi(ScriptedApi.Answer(429, "rate_limited", TimeSpan.FromSeconds(7)), Accepted);
            var waits = new ConcurrentQueue<TimeSpan>();

            await time.RunAsync(Send(Options(time), api), due => IsRetryWait(due) && Record(waits, due));

            Assert.Equal(2, api.Sent.Count);
            Assert.Equal(new[] { TimeSpan.FromSeconds(7) + Slack }, waits);
            Assert.Contains("Retrying in 7.0 s: 429 rate_limited (attempt 2 of 7)", _traces);
        }

        [Fact]
        public async Task A_retry_whose_wait_exceeds_the_budget_is_not_attempted()
        {
            var time = new VirtualTime();
            var api = new ScriptedApi(ScriptedApi.Answer(429, "rate_limited", TimeSpan.FromSeconds(60)), Accepted);

            var error = await Assert.ThrowsAsync<SeedanceException>(() => time.RunAsync(Send(Options(time, o => o.RetryBudget = TimeSpan.FromSeconds(45)), api), IsRetryWait));

            Assert.Single(api.Sent);
            Assert.Equal(TimeSpan.Zero, time.Elapsed);
            Assert.Equal((HttpStatusCode)429, error.Status);
            Assert.Contains(_traces, line => line.StartsWith("Not retrying 429 rate_limited: waiting 60.0 s would exceed the retry budget", StringComparison.Ordinal));
        }

        [Fact]
        public async Task The_retry_budget_bounds_the_whole_call()
        {
            var time = new VirtualTime();
            var api = new ScriptedApi(Busy);

            var error = await Assert.ThrowsAsync<SeedanceException>(() => time.RunAsync(
                Send(Options(time, o => (o.MaxRetries, o.RetryBudget) = (50, TimeSpan.FromSeconds(45))), api),
                IsRetryWait));

            Assert.Equal("service_busy", error.ErrorCode);
            Assert.Contains("The retry budget of 45.0 s ran out after", error.Message, StringComparison.Ordinal);
            Assert.InRange(api.Sent.Count, 3, 20);
            Assert.InRange(time.Elapsed, TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(45 + 30));
        }

        [Fact]
        public async Task Backoff_grows_from_half_a_second_with_jitter_up_to_the_cap()
        {
            var time = new VirtualTime();
            var api = new ScriptedApi(Busy);
            var waits = new ConcurrentQueue<TimeSpan>();

            await Assert.ThrowsAsync<SeedanceException>(() => time.RunAsync(
                Send(Options(time, o => (o.MaxRetries, o.RetryBudget) = (12, TimeSpan.FromHours(1))), api),
                due => IsRetryWait(due) && Record(waits, due)));

            var list = waits.ToList();
            Assert.Equal(12, list.Count);
            Assert.All(list, wait => Assert.InRange(wait, TimeSpan.Zero, TimeSpan.FromSeconds(30)));
            Assert.True(list.Take(3).Sum(w => w.TotalSeconds) < 8, string.Join(", ", list));
            Assert.Equal(TimeSpan.FromSeconds(30), list[^1]);
            Assert.NotEqual(new[] { 0.5, 1, 2, 4, 8, 16 }, list.Take(6).Select(w => w.TotalSeconds));
        }

        [Fact]
        public async Task An_attempt_without_an_answer_within_the_attempt_timeout_is_retried()
        {
            var time = new VirtualTime();
            var api = new ScriptedApi(ScriptedApi.Hang(), Accepted);

            // Only the first attempt's timeout runs out: the second answers at once.
            var attemptTimeouts = 0;
            await time.RunAsync(
                Send(Options(time, o => o.AttemptTimeout = TimeSpan.FromSeconds(40)), api),
                due => due == TimeSpan.FromSeconds(40) ? ++attemptTimeouts == 1 : IsRetryWait(due));

            Assert.Equal(2, api.Sent.Count);
            Assert.Contains(_traces, line => line.Contains("-> no answer within 40.0 s from 127.0.0.1:9 (attempt 1", StringComparison.Ordinal));
            Assert.True(time.Elapsed >= TimeSpan.FromSeconds(40), $"retried after {time.Elapsed}");
        }

        [Fact]
        public async Task A_lost_attempt_then_409_then_success_is_retried_through()
        {
            var time = new VirtualTime();
            var api = new ScriptedApi(ScriptedApi.Fail(new HttpRequestException("response lost")), ScriptedApi.Answer(409, "idempotency_conflict"), Accepted);

            await time.RunAsync(Send(Options(time), api), IsRetryWait);

            Assert.Equal(3, api.Sent.Count);
            Assert.Contains(_traces, line => line.Contains("409 idempotency_conflict, the first attempt is still running", StringComparison.Ordinal));
        }

        [Fact]
        public async Task The_callers_cancellation_stops_the_retries_at_once()
        {
            var time = new VirtualTime();
            var api = new ScriptedApi(Busy);
            using var cancel = new CancellationTokenSource();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => time.RunAsync(
                Send(Options(time), api, cancel.Token),
                due =>
                {
                    if (IsRetryWait(due))
                    {
                        cancel.Cancel();
                    }

                    return false;
                }));

            Assert.Single(api.Sent);
            Assert.Equal(TimeSpan.Zero, time.Elapsed);
        }

        [Fact]
        public async Task A_submit_that_fails_after_a_lost_attempt_says_the_task_may_exist_and_how_to_recover_it()
        {
            var time = new VirtualTime();
            var api = new ScriptedApi(ScriptedApi.Fail(new HttpRequestException("Connection reset by peer")));

            var error = await Assert.ThrowsAsync<SeedanceException>(() => time.RunAsync(Send(Options(time, o => o.MaxRetries = 2), api), IsRetryWait));

            Assert.Equal(SeedanceErrorCodes.NetworkError, error.ErrorCode);
            Assert.Contains("failed after 3 attempts: network error: Connection reset by peer (127.0.0.1:9)", error.Message, StringComparison.Ordinal);
            Assert.Contains("The task may exist: Get-SeedanceTask -Unconfirmed | Resume-SeedanceTask", error.Message, StringComparison.Ordinal);
            Assert.Contains("sdps-test", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_refused_submit_does_not_say_the_task_may_exist()
        {
            var time = new VirtualTime();
            var api = new ScriptedApi(ScriptedApi.Answer(402, "insufficient_credits"));

            var error = await Assert.ThrowsAsync<SeedanceException>(() => time.RunAsync(Send(Options(time), api), IsRetryWait));

            Assert.DoesNotContain("may exist", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void The_shared_pipelines_keep_no_callers_options_alive()
        {
            var options = MadeAndDropped();

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            Assert.False(options.IsAlive, "the cached pipelines still hold the options (and so their key, journal and trace sink)");
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static WeakReference MadeAndDropped()
        {
            // Settings no other test uses, so that these options are the ones the cached pipelines are built from.
            var options = new SeedanceClientOptions { MaxRetries = 17, RetryBudget = TimeSpan.FromSeconds(1717), Trace = _ => { } };
            Assert.NotNull(ApiPipelines.Call(options));
            return new WeakReference(options);
        }

        private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"prompt\":\"a fox in snow\"}");

        /// <summary>A wait between attempts: at most the 30 s cap, where budgets and attempt timeouts here are longer.</summary>
        private static bool IsRetryWait(TimeSpan due) => due <= TimeSpan.FromSeconds(30);

        private static bool Record(ConcurrentQueue<TimeSpan> waits, TimeSpan due)
        {
            waits.Enqueue(due);
            return true;
        }

        private static Task<byte[]> Send(SeedanceClientOptions options, ScriptedApi api, CancellationToken cancellationToken = default) =>
            new ApiRequestSender(options, new HttpClient(api)).SubmitAsync("sdps-test", Body, body => body, cancellationToken);

        /// <summary>Defaults but for the clock, a key of the test's own (so a rate budget of its own) and traces kept.</summary>
        private SeedanceClientOptions Options(VirtualTime time, Action<SeedanceClientOptions>? configure = null)
        {
            var options = new SeedanceClientOptions
            {
                BaseUri = new Uri("http://127.0.0.1:9/"),
                ApiKey = SandboxSession.Secure("sk_test_" + Guid.NewGuid().ToString("N")),
                TimeProvider = time,
                Trace = trace => _traces.Enqueue(trace.Message),
            };
            configure?.Invoke(options);
            return options;
        }
    }
}
