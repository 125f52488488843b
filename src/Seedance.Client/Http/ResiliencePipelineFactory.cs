using System;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace Seedance.Http
{
    /// <summary>
    /// Builds the retry pipeline (Polly v8) of a client: which outcomes are retried (<see cref="RetryClassifier"/>), after
    /// how long (<see cref="RetryDelayPolicy"/>), and within which limits (<see cref="SeedanceClientOptions.MaxRetries"/>
    /// and <see cref="SeedanceClientOptions.RetryBudget"/>). The per-call <see cref="AttemptHistory"/> travels in the
    /// resilience context.
    /// </summary>
    internal static class ResiliencePipelineFactory
    {
        public static readonly ResiliencePropertyKey<AttemptHistory> HistoryKey = new("Seedance.AttemptHistory");

        public static ResiliencePipeline<ApiResponse> Create(SeedanceClientOptions options, RetryDelayPolicy delays, Action<SeedanceTraceLevel, string> trace)
        {
            if (options.MaxRetries < 1)
            {
                return ResiliencePipeline<ApiResponse>.Empty;
            }

            return new ResiliencePipelineBuilder<ApiResponse>()
                .AddRetry(new RetryStrategyOptions<ApiResponse>
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Constant,
                    UseJitter = false,
                    ShouldHandle = args => new ValueTask<bool>(PlanRetry(args.Outcome, args.Context, args.AttemptNumber, options, delays, trace)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(History(args.Context).PlannedDelay),
                    OnRetry = args =>
                    {
                        var history = History(args.Context);
                        trace(SeedanceTraceLevel.Verbose, TraceFormatter.Retry(args.RetryDelay, history.PlannedReason!, args.AttemptNumber + 2, options.MaxRetries + 1));
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
            SeedanceClientOptions options,
            RetryDelayPolicy delays,
            Action<SeedanceTraceLevel, string> trace)
        {
            var history = History(context);
            if (attemptNumber >= options.MaxRetries || context.CancellationToken.IsCancellationRequested)
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
            if (elapsed + delay > options.RetryBudget)
            {
                trace(SeedanceTraceLevel.Verbose, TraceFormatter.OverBudget(delay, decision.Reason, elapsed, options.RetryBudget));
                return false;
            }

            history.PlannedDelay = delay;
            history.PlannedReason = decision.Reason;
            return true;
        }
    }
}
