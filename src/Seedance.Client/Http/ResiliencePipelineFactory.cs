using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace Seedance.Http
{
    /// <summary>
    /// Builds the retry pipeline (Polly v8) of a client: which outcomes are retried (<see cref="RetryClassifier"/>), after
    /// how long (<see cref="RetryDelayPolicy"/>), and within which limits (<see cref="SeedanceClientOptions.MaxRetries"/>
    /// and <see cref="SeedanceClientOptions.RetryBudget"/>). The per-call <see cref="AttemptHistory"/>, with where to trace,
    /// travels in the resilience context, so one pipeline serves every call with the same retry settings.
    /// </summary>
    internal static class ResiliencePipelineFactory
    {
        public static readonly ResiliencePropertyKey<AttemptHistory> HistoryKey = new("Seedance.AttemptHistory");

        private static readonly ConcurrentDictionary<RetrySettings, ResiliencePipeline<ApiResponse>> Pipelines = new();

        /// <summary>The pipeline for these options' retry settings, built once per process: building one costs more than a request.</summary>
        public static ResiliencePipeline<ApiResponse> For(SeedanceClientOptions options) =>
            Pipelines.GetOrAdd(
                new RetrySettings(options.MaxRetries, options.RetryBudget, options.RetryBaseDelay, options.RetryMaxDelay),
                _ => Create(options, new RetryDelayPolicy(options.RetryBaseDelay, options.RetryMaxDelay)));

        /// <summary>
        /// Builds a pipeline from the retry settings of <paramref name="options"/>. The pipeline keeps those values only, never
        /// the options object: cached for the whole process, it must not hold a caller's key, journal or trace sink.
        /// </summary>
        public static ResiliencePipeline<ApiResponse> Create(SeedanceClientOptions options, RetryDelayPolicy delays)
        {
            var maxRetries = options.MaxRetries;
            var retryBudget = options.RetryBudget;
            if (maxRetries < 1)
            {
                return ResiliencePipeline<ApiResponse>.Empty;
            }

            return new ResiliencePipelineBuilder<ApiResponse>()
                .AddRetry(new RetryStrategyOptions<ApiResponse>
                {
                    MaxRetryAttempts = maxRetries,
                    BackoffType = DelayBackoffType.Constant,
                    UseJitter = false,
                    ShouldHandle = args => new ValueTask<bool>(PlanRetry(args.Outcome, args.Context, args.AttemptNumber, maxRetries, retryBudget, delays)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(History(args.Context).PlannedDelay),
                    OnRetry = args =>
                    {
                        var history = History(args.Context);
                        var line = TraceFormatter.Retry(args.RetryDelay, history.PlannedReason!, args.AttemptNumber + 2, maxRetries + 1);
                        history.Trace?.Invoke(new SeedanceTrace(SeedanceTraceLevel.Verbose, line));
                        if (history.Elapsed + args.RetryDelay >= TraceFormatter.WarnAfter)
                        {
                            history.Warning?.Invoke(line);
                        }

                        return default;
                    },
                })
                .Build();
        }

        public static AttemptHistory History(ResilienceContext context) =>
            context.Properties.TryGetValue(HistoryKey, out var history) ? history : throw new InvalidOperationException("The resilience context carries no attempt history.");

        /// <summary>
        /// Decides the retry and its wait together, so that a retry whose wait would overrun the budget is never started:
        /// the last outcome then stands and becomes the error.
        /// </summary>
        private static bool PlanRetry(
            Outcome<ApiResponse> outcome,
            ResilienceContext context,
            int attemptNumber,
            int maxRetries,
            TimeSpan retryBudget,
            RetryDelayPolicy delays)
        {
            var history = History(context);
            if (attemptNumber >= maxRetries || context.CancellationToken.IsCancellationRequested)
            {
                return false;
            }

            var decision = RetryClassifier.Classify(outcome, history, context.CancellationToken);
            if (decision is null)
            {
                return false;
            }

            var delay = delays.DelayFor(decision, attemptNumber + 1);
            var elapsed = history.Elapsed;
            if (elapsed + delay > retryBudget)
            {
                history.Trace?.Invoke(new SeedanceTrace(SeedanceTraceLevel.Verbose, TraceFormatter.OverBudget(delay, decision.Reason, elapsed, retryBudget)));
                return false;
            }

            history.PlannedDelay = delay;
            history.PlannedReason = decision.Reason;
            return true;
        }

        /// <summary>What a pipeline depends on; the rest of the options (key, address, trace) vary per call.</summary>
        private readonly struct RetrySettings : IEquatable<RetrySettings>
        {
            private readonly int _maxRetries;
            private readonly TimeSpan _budget;
            private readonly TimeSpan _baseDelay;
            private readonly TimeSpan _maxDelay;

            public RetrySettings(int maxRetries, TimeSpan budget, TimeSpan baseDelay, TimeSpan maxDelay)
            {
                _maxRetries = maxRetries;
                _budget = budget;
                _baseDelay = baseDelay;
                _maxDelay = maxDelay;
            }

            public bool Equals(RetrySettings other) =>
                _maxRetries == other._maxRetries && _budget == other._budget && _baseDelay == other._baseDelay && _maxDelay == other._maxDelay;

            public override bool Equals(object? obj) => obj is RetrySettings other && Equals(other);

            public override int GetHashCode() => ((((_maxRetries * 397) ^ _budget.GetHashCode()) * 397) ^ _baseDelay.GetHashCode()) * 397 ^ _maxDelay.GetHashCode();
        }
    }
}
