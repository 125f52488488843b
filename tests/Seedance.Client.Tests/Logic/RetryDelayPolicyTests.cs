using System;
using System.Net.Http.Headers;
using Seedance.Http;
using Xunit;

namespace Seedance.Client.Tests.Logic
{
    public sealed class RetryDelayPolicyTests
    {
        [Theory]
        [InlineData(1, 250, 500)]
        [InlineData(2, 500, 1000)]
        [InlineData(3, 1000, 2000)]
        [InlineData(7, 15000, 30000)]
        [InlineData(40, 15000, 30000)]
        public void Backoff_doubles_with_equal_jitter_up_to_the_cap(int retry, double lowestMs, double highestMs)
        {
            var policy = new RetryDelayPolicy(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30), new Random(retry));

            for (var i = 0; i < 200; i++)
            {
                var delay = policy.Backoff(retry).TotalMilliseconds;
                Assert.InRange(delay, lowestMs, highestMs);
            }
        }

        [Fact]
        public void Backoff_is_jittered()
        {
            var policy = new RetryDelayPolicy(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30));

            var delays = new System.Collections.Generic.HashSet<TimeSpan>();
            for (var i = 0; i < 20; i++)
            {
                delays.Add(policy.Backoff(3));
            }

            Assert.True(delays.Count > 10);
        }

        [Fact]
        public void Retry_after_overrides_the_backoff_even_beyond_the_cap()
        {
            var policy = new RetryDelayPolicy(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));

            Assert.Equal(TimeSpan.FromSeconds(45) + RetryDelayPolicy.TimerSlack, policy.DelayFor(new RetryDecision("429 rate_limited", TimeSpan.FromSeconds(45)), 1));
        }

        [Fact]
        public void Retry_after_is_read_as_seconds_or_as_an_http_date()
        {
            var now = new DateTimeOffset(2026, 6, 3, 10, 0, 0, TimeSpan.Zero);

            Assert.Equal(TimeSpan.FromSeconds(2), ApiResponse.ReadRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)), now));
            Assert.Equal(TimeSpan.FromSeconds(30), ApiResponse.ReadRetryAfter(new RetryConditionHeaderValue(now.AddSeconds(30)), now));
            Assert.Equal(TimeSpan.Zero, ApiResponse.ReadRetryAfter(new RetryConditionHeaderValue(now.AddSeconds(-30)), now));
            Assert.Null(ApiResponse.ReadRetryAfter(null, now));
        }

        [Fact]
        public void Retry_after_http_date_parses_from_the_header_text()
        {
            Assert.True(RetryConditionHeaderValue.TryParse("Wed, 03 Jun 2026 10:00:05 GMT", out var header));

            Assert.Equal(TimeSpan.FromSeconds(5), ApiResponse.ReadRetryAfter(header, new DateTimeOffset(2026, 6, 3, 10, 0, 0, TimeSpan.Zero)));
        }
    }
}
