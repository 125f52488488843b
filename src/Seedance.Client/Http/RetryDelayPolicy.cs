using System;

namespace Seedance.Http
{
    /// <summary>
    /// How long to wait before a retry: what a 429's <c>Retry-After</c> says (never less), else exponential backoff from
    /// <see cref="SeedanceClientOptions.RetryBaseDelay"/>, capped at <see cref="SeedanceClientOptions.RetryMaxDelay"/>,
    /// with "equal jitter" (half fixed, half random) so that parallel callers spread out.
    /// </summary>
    internal sealed class RetryDelayPolicy
    {
        private readonly object _gate = new();
        private readonly Random _random;

        public RetryDelayPolicy(TimeSpan baseDelay, TimeSpan maxDelay, Random? random = null)
        {
            BaseDelay = baseDelay;
            MaxDelay = maxDelay;
            _random = random ?? new Random();
        }

        public TimeSpan BaseDelay { get; }

        public TimeSpan MaxDelay { get; }

        /// <summary>
        /// Timers may fire up to one OS tick early (15.6 ms on Windows, about 1 ms elsewhere): a wait the server asked for is
        /// padded by that much, so the retry never comes sooner than the server allows.
        /// </summary>
        public static TimeSpan TimerSlack { get; } = TimeSpan.FromMilliseconds(16);

        /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first retry).</summary>
        public TimeSpan DelayFor(RetryDecision decision, int retry) => decision.RequiredWait is { } required ? required + TimerSlack : Backoff(retry);

        /// <summary>Between half and all of <c>min(cap, base × 2^(retry−1))</c>.</summary>
        public TimeSpan Backoff(int retry)
        {
            var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(Math.Max(retry - 1, 0), 30));
            var ceiling = Math.Min(exponential, MaxDelay.TotalMilliseconds);
            double random;
            lock (_gate)
            {
                random = _random.NextDouble();
            }

            return TimeSpan.FromMilliseconds((ceiling / 2) + (random * ceiling / 2));
        }
    }
}
