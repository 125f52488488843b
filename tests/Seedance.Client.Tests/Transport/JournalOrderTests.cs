using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Seedance.Client.Journal;
using Seedance.Journal;
using Seedance.Client.Json;
using Seedance.Client.Requests;
using Seedance.Requests;
using Seedance.Sandbox;
using Xunit;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>The journal hears of a submit before its first attempt leaves and after it succeeds, whatever retries happen between.</summary>
    public sealed class JournalOrderTests
    {
        [Fact]
        public async Task Submitting_is_journaled_before_the_first_attempt_and_Submitted_once_after_the_retries()
        {
            await using var session = await SandboxSession.StartAsync();
            session.Host.Faults.Enqueue(SandboxFaultKind.DropConnectionAfterCreate);
            var journal = new RecordingJournal(session.Host);
            var request = new VideoRequest { Prompt = "A violin on a rooftop" };
            var client = session.Client(o => o.Journal = journal);

            var task = await client.SubmitAsync(request);
            await client.GetTaskAsync(task.Id);

            Assert.Equal(new[] { "Submitting:0", "Submitted:2", "Observed:3" }, journal.Calls);
            Assert.Equal(RequestBody.Serialize(request), journal.Body);
            Assert.Equal(task.IdempotencyKey, journal.Key);
        }

        private sealed class RecordingJournal : ITaskJournal
        {
            private readonly SandboxHost _host;

            public RecordingJournal(SandboxHost host) => _host = host;

            public List<string> Calls { get; } = new();

            public byte[]? Body { get; private set; }

            public string? Key { get; private set; }

            public void Submitting(string idempotencyKey, byte[] body, Uri baseUri, DateTimeOffset at)
            {
                Key = idempotencyKey;
                Body = body;
                Record(nameof(Submitting));
            }

            public void Submitted(string idempotencyKey, SeedanceTask task) => Record(nameof(Submitted));

            public void Refused(string idempotencyKey, SeedanceTaskError reason) => Record(nameof(Refused));

            public void Observed(SeedanceTask task) => Record(nameof(Observed));

            private void Record(string call) => Calls.Add($"{call}:{_host.RequestLog.Count(r => r.Path.StartsWith("/api/", StringComparison.Ordinal))}");
        }
    }
}
