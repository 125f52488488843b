using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Timeout;
using Seedance.Http;
using Xunit;

namespace Seedance.Client.Tests.Logic
{
    public sealed class RetryClassifierTests
    {
        [Theory]
        [InlineData(429, "rate_limited")]
        [InlineData(500, "internal_error")]
        [InlineData(503, "service_busy")]
        public void Transient_statuses_are_retried(int status, string code)
        {
            var decision = RetryClassifier.Classify(Outcome.FromResult(FakeResponses.Error(status, code)), FakeResponses.Submit(), CancellationToken.None);

            Assert.NotNull(decision);
            Assert.StartsWith($"{status} {code}", decision!.Reason, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(400, "invalid_request")]
        [InlineData(401, "unauthorized")]
        [InlineData(402, "insufficient_credits")]
        [InlineData(404, "not_found")]
        public void Client_errors_are_never_retried(int status, string code)
        {
            Assert.Null(RetryClassifier.Classify(Outcome.FromResult(FakeResponses.Error(status, code)), FakeResponses.Submit(earlierAttemptLost: true), CancellationToken.None));
        }

        [Fact]
        public void A_409_on_the_first_attempt_means_a_different_body_and_is_not_retried()
        {
            Assert.Null(RetryClassifier.Classify(Outcome.FromResult(FakeResponses.Error(409, "idempotency_conflict")), FakeResponses.Submit(), CancellationToken.None));
        }

        [Fact]
        public void A_409_after_a_lost_attempt_means_still_running_and_is_retried()
        {
            var decision = RetryClassifier.Classify(Outcome.FromResult(FakeResponses.Error(409, "idempotency_conflict")), FakeResponses.Submit(earlierAttemptLost: true), CancellationToken.None);

            Assert.NotNull(decision);
            Assert.Contains("still running", decision!.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void A_429_waits_exactly_its_retry_after()
        {
            var decision = RetryClassifier.Classify(Outcome.FromResult(FakeResponses.Error(429, "rate_limited", TimeSpan.FromSeconds(7))), FakeResponses.Read(), CancellationToken.None);

            Assert.Equal(TimeSpan.FromSeconds(7), decision!.RequiredWait);
        }

        [Fact]
        public void Network_faults_and_timeouts_are_retried_and_count_as_lost()
        {
            var faults = new Exception[]
            {
                new HttpRequestException("Connection refused"),
                new IOException("The response ended prematurely."),
                new TaskCanceledException("The connection went away."),
                new TimeoutRejectedException("No answer", TimeSpan.FromSeconds(1)),
            };

            foreach (var fault in faults)
            {
                Assert.NotNull(RetryClassifier.Classify(Outcome.FromException<ApiResponse>(fault), FakeResponses.Submit(), CancellationToken.None));
                Assert.True(RetryClassifier.IsLost(fault, CancellationToken.None), fault.GetType().Name);
            }
        }

        [Fact]
        public void The_callers_cancellation_is_never_retried()
        {
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();

            var decision = RetryClassifier.Classify(Outcome.FromException<ApiResponse>(new TaskCanceledException()), FakeResponses.Submit(), cancelled.Token);

            Assert.Null(decision);
        }

        [Fact]
        public void Other_exceptions_are_not_retried()
        {
            Assert.Null(RetryClassifier.Classify(Outcome.FromException<ApiResponse>(new InvalidOperationException()), FakeResponses.Submit(), CancellationToken.None));
        }
    }
}
