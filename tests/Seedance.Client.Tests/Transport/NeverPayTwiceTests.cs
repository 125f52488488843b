using System;
using System.Linq;
using System.Threading.Tasks;
using Seedance.Client.Json;
using Seedance.Client.Requests;
using Seedance.Requests;
using Seedance.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>
    /// Every transient failure of a submit, against the sandbox: the call ends with one task and one charge, and every
    /// attempt carried the same idempotency key and the same body bytes.
    /// </summary>
    public sealed class NeverPayTwiceTests
    {
        private static readonly VideoRequest Request = new() { Prompt = "A glass train crosses a frozen lake at dawn", Duration = 5, Seed = 42 };
        private readonly ITestOutputHelper _output;

        public NeverPayTwiceTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task Submit_after_three_503s_succeeds_with_one_task_and_one_charge()
        {
            await using var session = await SandboxSession.StartAsync();
            session.Host.Faults.Enqueue(SandboxFaultKind.ServiceBusy503, 3);

            var task = await session.Client().SubmitAsync(Request);

            AssertOneTaskPaidOnce(session, task, expectedAttempts: 4);
            Assert.Equal(new[] { 503, 503, 503, 202 }, session.Submits.Select(r => r.Status));
            Assert.Equal(3, session.Traces.Count(t => t.Message.StartsWith("Retrying in ", StringComparison.Ordinal) && t.Message.Contains("503 service_busy", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task Submit_after_429_waits_its_retry_after_then_succeeds()
        {
            await using var session = await SandboxSession.StartAsync();
            session.Host.Faults.Enqueue(SandboxFaultKind.RateLimited429, 1, retryAfterSeconds: 2);

            var task = await session.Client().SubmitAsync(Request);

            AssertOneTaskPaidOnce(session, task, expectedAttempts: 2);
            var submits = session.Submits;
            Assert.Equal(429, submits[0].Status);
            _output.WriteLine($"retry after 429 (Retry-After: 2) arrived {(submits[1].At - submits[0].At).TotalSeconds:0.000} s later");
            Assert.True(submits[1].At - submits[0].At >= TimeSpan.FromSeconds(2), $"retried {submits[1].At - submits[0].At} after the 429");
            Assert.Contains(session.Traces, t => t.Message.StartsWith("Retrying in 2.0 s: 429 rate_limited", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Submit_retry_after_500_once_the_task_was_created_returns_that_task()
        {
            await using var session = await SandboxSession.StartAsync();
            session.Host.Faults.Enqueue(SandboxFaultKind.InternalErrorAfterCreate500);

            var task = await session.Client().SubmitAsync(Request);

            AssertOneTaskPaidOnce(session, task, expectedAttempts: 2);
            Assert.Equal(500, session.Submits[0].Status);
        }

        [Fact]
        public async Task Submit_retry_after_lost_response_reuses_idempotency_key()
        {
            await using var session = await SandboxSession.StartAsync();
            session.Host.Faults.Enqueue(SandboxFaultKind.DropConnectionAfterCreate);

            var task = await session.Client().SubmitAsync(Request);

            AssertOneTaskPaidOnce(session, task, expectedAttempts: 2);
            Assert.Contains(session.Traces, t => t.Message.Contains("-> network error: ", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Submit_retry_after_connection_dropped_before_create_creates_one_task()
        {
            await using var session = await SandboxSession.StartAsync();
            session.Host.Faults.Enqueue(SandboxFaultKind.DropConnectionBeforeCreate, 2);

            var task = await session.Client().SubmitAsync(Request);

            AssertOneTaskPaidOnce(session, task, expectedAttempts: 3);
        }

        [Fact]
        public async Task Submit_timed_out_while_still_running_retries_through_409_to_the_same_task()
        {
            await using var session = await SandboxSession.StartAsync();
            session.Host.Faults.Enqueue(SandboxFaultKind.Slow, 1, delay: TimeSpan.FromSeconds(2));
            var client = session.Client(o =>
            {
                o.AttemptTimeout = TimeSpan.FromMilliseconds(500);
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
                o.RetryMaxDelay = TimeSpan.FromMilliseconds(400);
                o.MaxRetries = 20;
            });

            var task = await client.SubmitAsync(Request);

            var submits = session.Submits;
            _output.WriteLine("409 in flight: " + string.Join(", ", submits.Select(r => r.Status)));
            Assert.Contains(submits, r => r.Status == 409);
            Assert.Contains(submits, r => r.Status == 202);
            AssertOneTaskPaidOnce(session, task, expectedAttempts: submits.Count);
            Assert.Contains(session.Traces, t => t.Message.Contains("-> no answer within 0.5 s", StringComparison.Ordinal));
            Assert.Contains(session.Traces, t => t.Message.Contains("409 idempotency_conflict, the first attempt is still running", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Resubmit_with_the_same_key_and_bytes_returns_the_original_task_without_a_new_charge()
        {
            await using var session = await SandboxSession.StartAsync();
            var client = session.Client();
            var first = await client.SubmitAsync(Request, "sdps-resubmit-test");

            var again = await client.SubmitAsync("sdps-resubmit-test", RequestBody.Serialize(Request));

            Assert.Equal(first.Id, again.Id);
            Assert.Single(session.Charges);
        }

        [Fact]
        public async Task A_task_read_is_retried_after_503_500_and_a_dropped_connection()
        {
            await using var session = await SandboxSession.StartAsync();
            var client = session.Client();
            var task = await client.SubmitAsync(Request);
            session.Host.Faults.Enqueue(SandboxFaultKind.ServiceBusy503, 1, SandboxEndpoint.Task);
            session.Host.Faults.Enqueue(SandboxFaultKind.InternalErrorBeforeCreate500, 1, SandboxEndpoint.Task);
            session.Host.Faults.Enqueue(SandboxFaultKind.DropConnectionBeforeCreate, 1, SandboxEndpoint.Task);

            var read = await client.GetTaskAsync(task.Id);

            Assert.Equal(task.Id, read.Id);
            Assert.Equal(new[] { 503, 500, 0, 200 }, session.Host.RequestLog.Where(r => r.Method == "GET" && r.Path.StartsWith("/api/", StringComparison.Ordinal)).Select(r => r.Status));
            Assert.Single(session.Charges);
        }

        private static void AssertOneTaskPaidOnce(SandboxSession session, SeedanceTask task, int expectedAttempts)
        {
            var charge = Assert.Single(session.Charges);
            Assert.Equal(task.Id, charge.TaskId);
            Assert.Equal(task.IdempotencyKey, charge.IdempotencyKey);
            var submits = session.Submits;
            Assert.Equal(expectedAttempts, submits.Count);
            Assert.All(submits, r => Assert.Equal(task.IdempotencyKey, r.IdempotencyKey));
            Assert.All(submits, r => Assert.Equal(SandboxSession.Sha256(RequestBody.Serialize(Request)), r.BodySha256));
        }
    }
}
