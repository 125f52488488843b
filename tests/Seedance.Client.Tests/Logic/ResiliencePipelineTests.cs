using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Seedance.Http;
using Xunit;

namespace Seedance.Client.Tests.Logic
{
    /// <summary>The retry pipeline against scripted outcomes: counts, limits and trace lines, without a network.</summary>
    public sealed class ResiliencePipelineTests
    {
        private readonly List<string> _traces = new();

        [Fact]
        public async Task Three_503s_then_success_take_four_attempts_and_trace_each_retry()
        {
            var run = await RunAsync(Options(), FakeResponses.Error(503, "service_busy"), FakeResponses.Error(503, "service_busy"), FakeResponses.Error(503, "service_busy"), FakeResponses.Accepted());

            Assert.Equal(4, run.Attempts);
            Assert.True(run.Outcome.Result!.IsSuccess);
            Assert.Equal(3, _traces.FindAll(line => line.StartsWith("Retrying in ", StringComparison.Ordinal) && line.Contains("503 service_busy", StringComparison.Ordinal)).Count);
            Assert.Contains(_traces, line => line.EndsWith("(attempt 4 of 7)", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Max_retries_limits_the_attempts_and_the_last_error_stands()
        {
            var options = Options();
            options.MaxRetries = 2;

            var run = await RunAsync(options, FakeResponses.Error(500, "internal_error"), FakeResponses.Error(500, "internal_error"), FakeResponses.Error(500, "internal_error"), FakeResponses.Accepted());

            Assert.Equal(3, run.Attempts);
            Assert.Equal(500, (int)run.Outcome.Result!.Status);
        }

        [Fact]
        public async Task Zero_retries_sends_once()
        {
            var options = Options();
            options.MaxRetries = 0;

            var run = await RunAsync(options, FakeResponses.Error(503, "service_busy"), FakeResponses.Accepted());

            Assert.Equal(1, run.Attempts);
        }

        [Fact]
        public async Task A_retry_whose_wait_exceeds_the_budget_is_not_attempted()
        {
            var options = Options();
            options.RetryBudget = TimeSpan.FromSeconds(1);

            var run = await RunAsync(options, FakeResponses.Error(429, "rate_limited", TimeSpan.FromSeconds(5)), FakeResponses.Accepted());

            Assert.Equal(1, run.Attempts);
            Assert.Equal(429, (int)run.Outcome.Result!.Status);
            Assert.Contains(_traces, line => line.StartsWith("Not retrying 429 rate_limited: waiting 5.0 s would exceed the retry budget", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Backoff_stops_when_the_budget_is_spent()
        {
            var options = Options();
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
            options.RetryMaxDelay = TimeSpan.FromSeconds(10);
            options.RetryBudget = TimeSpan.FromMilliseconds(700);
            options.MaxRetries = 20;
            var busy = new ApiResponse[21];
            Array.Fill(busy, FakeResponses.Error(503, "service_busy"));

            var run = await RunAsync(options, busy);

            // Waits of at least 100, 200, 400 ms: the fourth retry (>= 800 ms in total) can never fit in 700 ms.
            Assert.InRange(run.Attempts, 2, 4);
            Assert.Equal(503, (int)run.Outcome.Result!.Status);
        }

        [Fact]
        public async Task A_429_is_retried_no_sooner_than_its_retry_after()
        {
            var watch = Stopwatch.StartNew();

            var run = await RunAsync(Options(), FakeResponses.Error(429, "rate_limited", TimeSpan.FromSeconds(1)), FakeResponses.Accepted());

            Assert.Equal(2, run.Attempts);
            Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), $"retried after {watch.Elapsed}");
            Assert.Contains("Retrying in 1.0 s: 429 rate_limited (attempt 2 of 7)", _traces);
        }

        [Fact]
        public async Task Client_errors_are_attempted_once()
        {
            foreach (var (status, code) in new[] { (400, "invalid_request"), (401, "unauthorized"), (402, "insufficient_credits"), (404, "not_found"), (409, "idempotency_conflict") })
            {
                var run = await RunAsync(Options(), FakeResponses.Error(status, code), FakeResponses.Accepted());

                Assert.Equal(1, run.Attempts);
            }
        }

        [Fact]
        public async Task A_lost_attempt_then_409_then_success_is_retried_through()
        {
            var run = await RunAsync(
                Options(),
                Outcome.FromException<ApiResponse>(new HttpRequestException("response lost")),
                Outcome.FromResult(FakeResponses.Error(409, "idempotency_conflict")),
                Outcome.FromResult(FakeResponses.Accepted()));

            Assert.Equal(3, run.Attempts);
            Assert.True(run.Outcome.Result!.IsSuccess);
        }

        [Fact]
        public async Task The_callers_cancellation_stops_the_retries_at_once()
        {
            using var cancel = new CancellationTokenSource();
            var attempts = 0;
            var pipeline = ResiliencePipelineFactory.Create(Options(), new RetryDelayPolicy(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)));
            var history = FakeResponses.Submit(trace: trace => _traces.Add(trace.Message));
            var context = ResilienceContextPool.Shared.Get(cancel.Token);
            context.Properties.Set(ResiliencePipelineFactory.HistoryKey, history);
            var watch = Stopwatch.StartNew();

            var running = pipeline.ExecuteOutcomeAsync(
                (_, _) =>
                {
                    attempts++;
                    return new ValueTask<Outcome<ApiResponse>>(Outcome.FromResult(FakeResponses.Error(503, "service_busy")));
                },
                context,
                0).AsTask();
            cancel.Cancel();
            var outcome = await running;

            Assert.IsAssignableFrom<OperationCanceledException>(outcome.Exception);
            Assert.Equal(1, attempts);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        }

        [Fact]
        public void The_shared_pipeline_keeps_no_callers_options_alive()
        {
            var options = MadeAndDropped();

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            Assert.False(options.IsAlive, "the cached pipeline still holds the options (and so their key, journal and trace sink)");
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static WeakReference MadeAndDropped()
        {
            // Settings no other test uses, so that these options are the ones the cached pipeline is built from.
            var options = new SeedanceClientOptions { MaxRetries = 17, RetryBudget = TimeSpan.FromSeconds(1717), Trace = _ => { } };
            Assert.NotNull(ResiliencePipelineFactory.For(options));
            return new WeakReference(options);
        }

        private static SeedanceClientOptions Options() => new()
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        };

        private Task<(int Attempts, Outcome<ApiResponse> Outcome)> RunAsync(SeedanceClientOptions options, params ApiResponse[] script) =>
            RunAsync(options, Array.ConvertAll(script, response => Outcome.FromResult(response)));

        private async Task<(int Attempts, Outcome<ApiResponse> Outcome)> RunAsync(SeedanceClientOptions options, params Outcome<ApiResponse>[] script)
        {
            var pipeline = ResiliencePipelineFactory.Create(options, new RetryDelayPolicy(options.RetryBaseDelay, options.RetryMaxDelay));
            var history = FakeResponses.Submit(trace: trace => _traces.Add(trace.Message));
            var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
            context.Properties.Set(ResiliencePipelineFactory.HistoryKey, history);
            var attempts = 0;
            var outcome = await pipeline.ExecuteOutcomeAsync(
                (_, _) =>
                {
                    var next = script[attempts++];
                    if (next.Exception is not null)
                    {
                        history.EarlierAttemptLost = true;
                    }

                    return new ValueTask<Outcome<ApiResponse>>(next);
                },
                context,
                0);
            ResilienceContextPool.Shared.Return(context);
            return (attempts, outcome);
        }
    }
}
