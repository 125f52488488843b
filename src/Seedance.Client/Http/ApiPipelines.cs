using System;
using System.Threading.Tasks;
using Polly;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;
using RetrySettings = (int MaxRetries, System.TimeSpan BaseDelay, System.TimeSpan MaxDelay, System.TimeProvider Time);

namespace Seedance.Client.Http
{
    /// <summary>
    /// The Polly pipelines of API calls, built once per retry settings for the whole process (building one costs more
    /// than a request). They hold no options, so no key, journal or trace sink: each call's limits travel in its
    /// <see cref="ApiCall"/>.
    /// </summary>
    internal static class ApiPipelines
    {
        /// <summary>Timers may fire one OS tick early (15.6 ms on Windows): a wait the server asked for is padded by that much.</summary>
        public static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(16);

        private static readonly ResiliencePipelineRegistry<RetrySettings> Registry = new();

        /// <summary>The whole call, bounded by the retry budget: the server's <c>Retry-After</c> wins over the backoff.</summary>
        public static ResiliencePipeline<ApiResponse> Call(SeedanceClientOptions options) =>
            Registry.GetOrAddPipeline<ApiResponse>(Settings(options), (builder, context) =>
            {
                var (maxRetries, baseDelay, maxDelay, time) = context.PipelineKey;
                builder.TimeProvider = time;
                builder.AddTimeout(new TimeoutStrategyOptions
                {
                    TimeoutGenerator = args => new ValueTask<TimeSpan>(ApiCall.Of(args.Context).Options.RetryBudget),
                    OnTimeout = args =>
                    {
                        ApiCall.Of(args.Context).BudgetSpent = true;
                        return default;
                    },
                });
                if (maxRetries > 0)
                {
                    builder.AddRetry(new RetryStrategyOptions<ApiResponse>
                    {
                        MaxRetryAttempts = maxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = baseDelay,
                        MaxDelay = maxDelay,
                        ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, ApiCall.Of(args.Context), args.Context)),
                        DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result?.RetryAfter + TimerSlack),
                        OnRetry = args =>
                        {
                            var call = ApiCall.Of(args.Context);
                            var line = TraceFormatter.Retry(args.RetryDelay, RetryClassifier.RetryReason(args.Outcome, call, args.Context.CancellationToken)!, args.AttemptNumber + 2, maxRetries + 1);
                            call.Verbose(line);
                            if (call.Elapsed + args.RetryDelay >= TraceFormatter.WarnAfter)
                            {
                                call.Options.Warning?.Invoke(line);
                            }

                            return default;
                        },
                    });
                }
            });

        /// <summary>One attempt, bounded by the attempt timeout; it starts once the attempt holds its rate slot, so a wait for the rate limit never counts as a slow server.</summary>
        public static ResiliencePipeline Attempt(SeedanceClientOptions options) =>
            Registry.GetOrAddPipeline(Settings(options), (builder, context) =>
            {
                builder.TimeProvider = context.PipelineKey.Time;
                builder.AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = args => new ValueTask<TimeSpan>(ApiCall.Of(args.Context).Options.AttemptTimeout) });
            });

        private static RetrySettings Settings(SeedanceClientOptions options) => (options.MaxRetries, options.RetryBaseDelay, options.RetryMaxDelay, options.TimeProvider);

        /// <summary>
        /// What the classifier allows, within the one rule Polly lacks: no retry begins that the budget cannot hold. The
        /// budget's timeout ends any wait at the budget; a wait the server dictates beyond it is refused at once.
        /// </summary>
        private static bool ShouldRetry(Outcome<ApiResponse> outcome, ApiCall call, ResilienceContext context)
        {
            if (RetryClassifier.RetryReason(outcome, call, context.CancellationToken) is not { } reason)
            {
                return false;
            }

            var wait = outcome.Result?.RetryAfter ?? TimeSpan.Zero;
            if (call.Elapsed + wait < call.Options.RetryBudget)
            {
                return true;
            }

            call.Verbose(TraceFormatter.OverBudget(wait, reason, call.Elapsed, call.Options.RetryBudget));
            return false;
        }
    }
}
