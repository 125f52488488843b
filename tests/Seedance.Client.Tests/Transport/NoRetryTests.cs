using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Client.Requests;
using Seedance.Requests;
using Seedance.Sandbox;
using Xunit;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>Answers that a retry cannot change are sent once, and come back as one SeedanceException with its details.</summary>
    public sealed class NoRetryTests
    {
        private static readonly VideoRequest Request = new() { Prompt = "A paper boat drifts down a rainy street" };

        [Fact]
        public async Task A_400_is_sent_once_and_reported_with_its_code()
        {
            await using var session = await SandboxSession.StartAsync();
            var body = Encoding.UTF8.GetBytes("{\"prompt\":\"A paper boat\",\"colour\":\"red\"}");

            var error = await Assert.ThrowsAsync<SeedanceException>(() => session.Client().SubmitAsync("sdps-bad-body", body));

            AssertOneRequest(session, error, HttpStatusCode.BadRequest, SeedanceErrorCodes.InvalidRequest);
            Assert.Equal("sdps-bad-body", error.IdempotencyKey);
            Assert.Equal("POST /api/v1/video/seedance2", error.Request);
        }

        [Fact]
        public async Task A_401_is_sent_once_and_reported_with_its_code()
        {
            await using var session = await SandboxSession.StartAsync();

            var error = await Assert.ThrowsAsync<SeedanceException>(() => session.Client(key: "sk_test_not_an_account").SubmitAsync(Request));

            AssertOneRequest(session, error, HttpStatusCode.Unauthorized, SeedanceErrorCodes.Unauthorized);
        }

        [Fact]
        public async Task A_402_is_sent_once_and_reported_with_its_code()
        {
            await using var session = await SandboxSession.StartAsync();
            var error = await Assert.ThrowsAsync<SeedanceException>(() => PoorClient(session).SubmitAsync(Request));

            AssertOneRequest(session, error, HttpStatusCode.PaymentRequired, SeedanceErrorCodes.InsufficientCredits);
        }

        [Fact]
        public async Task A_404_is_sent_once_and_reported_with_the_task_id()
        {
            await using var session = await SandboxSession.StartAsync();

            var error = await Assert.ThrowsAsync<SeedanceException>(() => session.Client().GetTaskAsync("sd2_missing"));

            AssertOneRequest(session, error, HttpStatusCode.NotFound, SeedanceErrorCodes.NotFound);
            Assert.Equal("sd2_missing", error.TaskId);
            Assert.Equal("GET /api/v1/tasks/sd2_missing", error.Request);
        }

        [Fact]
        public async Task A_409_for_a_key_reused_with_another_body_is_sent_once()
        {
            await using var session = await SandboxSession.StartAsync();
            var client = session.Client();
            await client.SubmitAsync(Request, "sdps-reused");

            var error = await Assert.ThrowsAsync<SeedanceException>(() => client.SubmitAsync(new VideoRequest { Prompt = "Something else entirely" }, "sdps-reused"));

            Assert.Equal(SeedanceErrorCodes.IdempotencyConflict, error.ErrorCode);
            Assert.Equal(HttpStatusCode.Conflict, error.Status);
            Assert.Equal(2, session.Host.RequestLog.Count);
            Assert.Single(session.Charges);
        }

        [Fact]
        public async Task Network_failures_after_the_retries_become_NetworkError_with_the_last_fault_inside()
        {
            await using var session = await SandboxSession.StartAsync();
            session.Host.Faults.Enqueue(SandboxFaultKind.DropConnectionBeforeCreate, 3);

            var error = await Assert.ThrowsAsync<SeedanceException>(() => session.Client(o => o.MaxRetries = 2).SubmitAsync(Request));

            Assert.Equal(SeedanceErrorCodes.NetworkError, error.ErrorCode);
            Assert.Null(error.Status);
            Assert.NotNull(error.InnerException);
            Assert.Contains("after 3 attempts", error.Message, StringComparison.Ordinal);
            Assert.Equal(3, session.Submits.Count);
            Assert.Empty(session.Charges);
        }

        [Fact]
        public async Task Timeouts_after_the_retries_become_RequestTimeout()
        {
            await using var session = await SandboxSession.StartAsync();
            session.Host.Faults.Enqueue(SandboxFaultKind.Slow, 2, SandboxEndpoint.Task, delay: TimeSpan.FromSeconds(3));
            var client = session.Client(o =>
            {
                o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
                o.MaxRetries = 1;
            });

            var error = await Assert.ThrowsAsync<SeedanceException>(() => client.GetTaskAsync("sd2_slow"));

            Assert.Equal(SeedanceErrorCodes.RequestTimeout, error.ErrorCode);
            Assert.Contains("no answer within 0.3 s", error.Message, StringComparison.Ordinal);
            Assert.NotNull(error.InnerException);
        }

        [Fact]
        public async Task The_callers_cancellation_stops_a_call_at_once_unwrapped()
        {
            await using var session = await SandboxSession.StartAsync();
            session.Host.Faults.Enqueue(SandboxFaultKind.Slow, 1, delay: TimeSpan.FromSeconds(10));
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var watch = System.Diagnostics.Stopwatch.StartNew();

            var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.Client().SubmitAsync(Request, cancellationToken: cancel.Token));

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"cancelled after {watch.Elapsed}");
            Assert.Equal(cancel.Token, error.CancellationToken);
            Assert.DoesNotContain(session.Traces, t => t.Message.StartsWith("Retrying", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_call_cancelled_while_waiting_for_a_retry_is_not_retried()
        {
            await using var session = await SandboxSession.StartAsync();
            session.Host.Faults.Enqueue(SandboxFaultKind.RateLimited429, 1, retryAfterSeconds: 30);
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.Client().SubmitAsync(Request, cancellationToken: cancel.Token));

            Assert.Single(session.Submits);
        }

        private static SeedanceClient PoorClient(SandboxSession session)
        {
            var key = "sk_test_poor_" + Guid.NewGuid().ToString("N");
            session.Host.AddAccount(key, 0);
            return session.Client(key: key);
        }

        private static void AssertOneRequest(SandboxSession session, SeedanceException error, HttpStatusCode status, string code)
        {
            Assert.Equal(status, error.Status);
            Assert.Equal(code, error.ErrorCode);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            Assert.Single(session.Host.RequestLog, r => r.Path.StartsWith("/api/", StringComparison.Ordinal));
        }
    }
}
