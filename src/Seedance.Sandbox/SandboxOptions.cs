using System;

namespace Seedance.Sandbox
{
    /// <summary>How a sandbox behaves: where it listens, its default account, and how fast time passes in it.</summary>
    public sealed class SandboxOptions
    {
        /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
        public int Port { get; set; }

        /// <summary>The key of the default test account.</summary>
        public string ApiKey { get; set; } = "sk_test_sandbox";

        /// <summary>The balance of the default test account.</summary>
        public decimal InitialCredits { get; set; } = 100000;

        /// <summary>How long a task stays processing before it completes or fails.</summary>
        public TimeSpan ProcessingTime { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>Optional per-task processing time chosen from the prompt (benchmarks draw a spread); a <c>[takes:N]</c> marker still wins.</summary>
        public Func<string, TimeSpan>? ProcessingTimeSelector { get; set; }

        /// <summary>
        /// A <see cref="ProcessingTimeSelector"/> that spreads processing times over <paramref name="shortest"/> plus less
        /// than <paramref name="spread"/> (whole milliseconds) by the prompt alone: the same prompt takes the same time in
        /// every run and process, which <see cref="string.GetHashCode()"/> (randomised per process) would not give.
        /// </summary>
        public static Func<string, TimeSpan> ProcessingTimeByPrompt(TimeSpan shortest, TimeSpan spread)
        {
            var milliseconds = (int)spread.TotalMilliseconds;
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(milliseconds, nameof(spread));
            return prompt =>
            {
                ArgumentNullException.ThrowIfNull(prompt);
                return shortest + TimeSpan.FromMilliseconds((double)((ulong)Results.DeterministicBody.StableHash(prompt) % (ulong)milliseconds));
            };
        }

        /// <summary>Requests allowed per account in one <see cref="RateLimitWindow"/>, across all API endpoints.</summary>
        public int RateLimitRequests { get; set; } = 30;

        /// <summary>The sliding window of the rate limit.</summary>
        public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// The sandbox's clock: task progress, the rate limit, result URL lifetimes and the request log's times. A test
        /// passes a fake one to move time itself instead of waiting for it.
        /// </summary>
        public TimeProvider Time { get; set; } = TimeProvider.System;

        /// <summary>A prompt containing this text makes its task fail (and its credits come back).</summary>
        public string FailMarker { get; set; } = "[fail]";

        /// <summary>How long a signed result URL works; after that it answers 403.</summary>
        public TimeSpan ResultUrlLifetime { get; set; } = TimeSpan.FromHours(1);

        /// <summary>0 serves the committed small MP4; otherwise a deterministic body of this many bytes, streamed.</summary>
        public long VideoSize { get; set; }
    }
}
