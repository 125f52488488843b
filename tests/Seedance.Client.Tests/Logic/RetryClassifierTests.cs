using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Timeout;
using Seedance.Client.Http;
using Xunit;

namespace Seedance.Client.Tests.Logic
{
    public sealed class RetryClassifierTests
    {
        [Theory]
        [InlineData(429, "rate_limited")]
        [InlineData(500, "internal_error")]
        [InlineData(502, "bad_gateway")]
        [InlineData(503, "service_busy")]
        [InlineData(504, "gateway_timeout")]
        public void Transient_statuses_are_retried(int status, string code)
        {
            var reason = RetryClassifier.RetryReason(Outcome.FromResult(FakeResponses.Error(status, code)), FakeResponses.Submit(), CancellationToken.None);

            Assert.Equal($"{status} {code}", reason);
        }

        [Theory]
        [InlineData(307, "307")]
        [InlineData(400, "invalid_request")]
        [InlineData(401, "unauthorized")]
        [InlineData(402, "insufficient_credits")]
        [InlineData(403, "forbidden")]
        [InlineData(404, "not_found")]
        public void Client_errors_and_redirects_are_never_retried(int status, string code)
        {
            Assert.Null(RetryClassifier.RetryReason(Outcome.FromResult(FakeResponses.Error(status, code)), FakeResponses.Submit(earlierAttemptLost: true), CancellationToken.None));
        }

        [Fact]
        public void A_409_on_the_first_attempt_means_a_different_body_and_is_not_retried()
        {
            Assert.Null(RetryClassifier.RetryReason(Outcome.FromResult(FakeResponses.Error(409, "idempotency_conflict")), FakeResponses.Submit(), CancellationToken.None));
        }

        [Fact]
        public void A_409_after_a_lost_attempt_means_still_running_and_is_retried()
        {
            var reason = RetryClassifier.RetryReason(Outcome.FromResult(FakeResponses.Error(409, "idempotency_conflict")), FakeResponses.Submit(earlierAttemptLost: true), CancellationToken.None);

            Assert.Equal("409 idempotency_conflict, the first attempt is still running", reason);
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
                Assert.NotNull(RetryClassifier.RetryReason(Outcome.FromException<ApiResponse>(fault), FakeResponses.Submit(), CancellationToken.None));
                Assert.True(RetryClassifier.IsLost(fault, CancellationToken.None), fault.GetType().Name);
            }
        }

        [Fact]
        public void The_callers_cancellation_is_never_retried()
        {
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();

            var reason = RetryClassifier.RetryReason(Outcome.FromException<ApiResponse>(new TaskCanceledException()), FakeResponses.Submit(), cancelled.Token);

            Assert.Null(reason);
        }

        [Fact]
        public void Other_exceptions_are_not_retried()
        {
            Assert.Null(RetryClassifier.RetryReason(Outcome.FromException<ApiResponse>(new InvalidOperationException()), FakeResponses.Submit(), CancellationToken.None));
        }
    }
}
