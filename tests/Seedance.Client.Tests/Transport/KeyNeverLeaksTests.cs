using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Seedance.Client.Requests;
using Seedance.Requests;
using Seedance.Sandbox;
using Xunit;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>The key appears in no trace line (verbose or debug) and no exception text, whatever happens.</summary>
    public sealed class KeyNeverLeaksTests
    {
        [Fact]
        public async Task The_key_is_in_no_trace_line_and_no_exception_text()
        {
            await using var session = await SandboxSession.StartAsync();
            var faults = session.Host.Faults;
            faults.Enqueue(SandboxFaultKind.ServiceBusy503);
            faults.Enqueue(SandboxFaultKind.RateLimited429, retryAfterSeconds: 1);
            faults.Enqueue(SandboxFaultKind.InternalErrorAfterCreate500);
            faults.Enqueue(SandboxFaultKind.DropConnectionBeforeCreate, 1, SandboxEndpoint.Task);
            var client = session.Client();
            var errors = new List<Exception>();

            var task = await client.SubmitAsync(new VideoRequest { Prompt = "A neon koi pond at night" });
            await client.GetTaskAsync(task.Id);
            errors.Add(await Assert.ThrowsAsync<SeedanceException>(() => client.GetTaskAsync("sd2_missing")));
            errors.Add(await Assert.ThrowsAsync<SeedanceException>(() => client.SubmitAsync(new VideoRequest { Prompt = "Other body" }, task.IdempotencyKey)));
            faults.Enqueue(SandboxFaultKind.DropConnectionBeforeCreate, 2);
            errors.Add(await Assert.ThrowsAsync<SeedanceException>(() => session.Client(o => o.MaxRetries = 1).SubmitAsync(new VideoRequest { Prompt = "Dropped twice" })));
            session.Host.RevokeKey(session.Key);
            errors.Add(await Assert.ThrowsAsync<SeedanceException>(() => client.GetTaskAsync(task.Id)));

            var traces = session.Traces.ToList();
            Assert.Contains(traces, t => t.Level == SeedanceTraceLevel.Debug && t.Message.Contains("Authorization: Bearer [redacted]", StringComparison.Ordinal));
            Assert.Contains(traces, t => t.Level == SeedanceTraceLevel.Debug && t.Message.Contains("\"prompt\":\"A neon koi pond at night\"", StringComparison.Ordinal));
            Assert.Contains(traces, t => t.Level == SeedanceTraceLevel.Verbose && t.Message.StartsWith("POST /api/v1/video/seedance2 -> 202 Accepted (attempt ", StringComparison.Ordinal));
            Assert.All(traces, t => Assert.DoesNotContain(session.Key, t.Message, StringComparison.Ordinal));
            Assert.All(errors, e => Assert.DoesNotContain(session.Key, e.ToString(), StringComparison.Ordinal));
            Assert.All(errors, e => Assert.DoesNotContain(session.Key, e.Message, StringComparison.Ordinal));
            Assert.DoesNotContain(session.Key, RateLimiting.RateGovernorRegistry.AccountId(session.Options()), StringComparison.Ordinal);
        }
    }
}
