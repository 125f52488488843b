using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Seedance.Client.Tests.Journal;
using Seedance.Client.Journal;
using Seedance.Journal;
using Seedance.Client.Json;
using Seedance.Client.Requests;
using Seedance.Requests;
using Seedance.Sandbox;
using Xunit;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>
    /// A submit the API refused (400, 401, 402, 409 for another body) created no task: the journal records it as refused,
    /// never as unconfirmed, so recovery never resends it. Only a lost or 5xx answer leaves a submission unconfirmed.
    /// </summary>
    public sealed class RefusedSubmitTests
    {
        private static readonly VideoRequest Request = new() { Prompt = "A kite over a windy beach" };

        [Fact]
        public async Task A_mistyped_key_then_the_right_one_leaves_nothing_to_recover_and_one_charge()
        {
            await using var session = await SandboxSession.StartAsync();
            using var temp = new TemporaryJournal();

            var refused = await Assert.ThrowsAsync<SeedanceException>(() => session.Client(o => o.Journal = temp.Journal, key: "sk_test_mistyped").SubmitAsync(Request));
            var task = await session.Client(o => o.Journal = temp.Journal).SubmitAsync(Request);

            Assert.True(refused.Refused);
            Assert.Equal(SeedanceErrorCodes.Unauthorized, refused.ErrorCode);
            var entries = temp.Journal.Read().Entries;
            Assert.Empty(TaskRecovery.Candidates(entries, null));
            Assert.Empty(new JournalQuery { UnconfirmedOnly = true }.Apply(entries));
            var entry = entries.Single(e => e.IdempotencyKey == refused.IdempotencyKey);
            Assert.True(entry.IsRefused);
            Assert.False(entry.IsUnconfirmed);
            var listed = entry.ToTask();
            Assert.Equal((JournalEntry.RefusedStatus, SeedanceErrorCodes.Unauthorized), (listed.Status, listed.Error?.Code));
            Assert.Equal(Request.Prompt, listed.Prompt);
            Assert.Equal(task.Id, Assert.Single(session.Charges).TaskId);
        }

        [Fact]
        public async Task A_submit_refused_with_400_or_402_is_journaled_as_refused()
        {
            await using var session = await SandboxSession.StartAsync(o => o.InitialCredits = 0);
            using var temp = new TemporaryJournal();
            var client = session.Client(o => o.Journal = temp.Journal);

            var poor = await Assert.ThrowsAsync<SeedanceException>(() => client.SubmitAsync(Request));
            session.Host.Faults.Enqueue(SandboxFaultKind.InvalidRequest400);
            var invalid = await Assert.ThrowsAsync<SeedanceException>(() => client.SubmitAsync(Request));

            Assert.Equal((SeedanceErrorCodes.InsufficientCredits, true), (poor.ErrorCode, poor.Refused));
            Assert.Equal((SeedanceErrorCodes.InvalidRequest, true), (invalid.ErrorCode, invalid.Refused));
            Assert.All(temp.Journal.Read().Entries, e => Assert.Equal(JournalEntry.RefusedStatus, e.ToTask().Status));
            Assert.Equal(2, temp.Journal.Read().Entries.Count);
        }

        [Fact]
        public async Task A_key_reused_with_another_body_is_refused_and_its_first_task_stays()
        {
            await using var session = await SandboxSession.StartAsync();
            using var temp = new TemporaryJournal();
            var client = session.Client(o => o.Journal = temp.Journal);
            var first = await client.SubmitAsync(Request, "sdps-reused");

            var conflict = await Assert.ThrowsAsync<SeedanceException>(() => client.SubmitAsync(new VideoRequest { Prompt = "Another prompt entirely" }, "sdps-reused"));

            Assert.Equal((SeedanceErrorCodes.IdempotencyConflict, true), (conflict.ErrorCode, conflict.Refused));
            var entry = Assert.Single(temp.Journal.Read().Entries);
            Assert.Equal((first.Id, false), (entry.TaskId, entry.IsRefused));
        }

        [Fact]
        public async Task A_submit_refused_with_403_is_journaled_as_refused_and_never_listed_unconfirmed_nor_resent()
        {
            await using var api = new HostileServer((_, stream) => HostileServer.WriteAsync(
                stream, 403, "{\"error\":{\"code\":\"forbidden\",\"message\":\"This key may not use this model.\"}}"));
            using var temp = new TemporaryJournal();

            var refused = await Assert.ThrowsAsync<SeedanceException>(() => JournaledClient(api.BaseUri, temp).SubmitAsync(Request));

            Assert.Equal((System.Net.HttpStatusCode.Forbidden, true), (refused.Status, refused.Refused));
            AssertRefusedOnly(temp, refused.IdempotencyKey);
            Assert.Single(api.Requests);
        }

        [Fact]
        public async Task A_key_another_journal_used_for_another_body_is_journaled_here_as_refused_and_never_resent()
        {
            await using var session = await SandboxSession.StartAsync();
            using var elsewhere = new TemporaryJournal();
            using var here = new TemporaryJournal();
            var first = await session.Client(o => o.Journal = elsewhere.Journal).SubmitAsync(Request, "sdps-shared");

            var conflict = await Assert.ThrowsAsync<SeedanceException>(() => session.Client(o => o.Journal = here.Journal).SubmitAsync(new VideoRequest { Prompt = "Another prompt entirely" }, "sdps-shared"));

            Assert.Equal((System.Net.HttpStatusCode.Conflict, SeedanceErrorCodes.IdempotencyConflict, true), (conflict.Status, conflict.ErrorCode, conflict.Refused));
            AssertRefusedOnly(here, "sdps-shared");
            Assert.Equal(first.Id, Assert.Single(session.Charges).TaskId);
        }

        [Theory]
        [InlineData(SandboxFaultKind.DropConnectionAfterCreate)]
        [InlineData(SandboxFaultKind.InternalErrorAfterCreate500)]
        [InlineData(SandboxFaultKind.ServiceBusy503)]
        public async Task A_submit_whose_answer_was_lost_or_5xx_stays_unconfirmed(SandboxFaultKind fault)
        {
            await using var session = await SandboxSession.StartAsync();
            using var temp = new TemporaryJournal();
            session.Host.Faults.Enqueue(fault);

            var error = await Assert.ThrowsAsync<SeedanceException>(() => session.Client(o => { o.Journal = temp.Journal; o.MaxRetries = 0; }).SubmitAsync(Request));

            Assert.False(error.Refused);
            var entry = Assert.Single(temp.Journal.Read().Entries);
            Assert.True(entry.IsUnconfirmed);
            Assert.Single(TaskRecovery.Candidates(temp.Journal.Read().Entries, null));
        }

        [Fact]
        public async Task A_resend_refused_after_a_lost_attempt_stays_unconfirmed_since_the_first_may_have_paid()
        {
            await using var session = await SandboxSession.StartAsync();
            using var temp = new TemporaryJournal();
            var body = RequestBody.Serialize(Request);
            session.Host.Faults.Enqueue(SandboxFaultKind.DropConnectionAfterCreate);
            await Assert.ThrowsAsync<SeedanceException>(() => session.Client(o => { o.Journal = temp.Journal; o.MaxRetries = 0; }).SubmitAsync("sdps-lost-then-refused", body));

            var refused = await Assert.ThrowsAsync<SeedanceException>(() => session.Client(o => o.Journal = temp.Journal, key: "sk_test_mistyped").SubmitAsync("sdps-lost-then-refused", body));

            Assert.True(refused.Refused);
            var entry = Assert.Single(temp.Journal.Read().Entries);
            Assert.Equal((true, false, 2), (entry.IsUnconfirmed, entry.IsRefused, entry.Attempts));
            Assert.Single(session.Charges);
        }

        /// <summary>
        /// The journal holds one entry, refused: never listed as unconfirmed, never a candidate for recovery, so
        /// Resume-SeedanceTask never sends it again.
        /// </summary>
        private static void AssertRefusedOnly(TemporaryJournal temp, string? idempotencyKey)
        {
            var entries = temp.Journal.Read().Entries;
            var entry = Assert.Single(entries);
            Assert.Equal((idempotencyKey, true, false), (entry.IdempotencyKey, entry.IsRefused, entry.IsUnconfirmed));
            Assert.Equal(JournalEntry.RefusedStatus, entry.ToTask().Status);
            Assert.Empty(new JournalQuery { UnconfirmedOnly = true }.Apply(entries));
            Assert.Empty(TaskRecovery.Candidates(entries, null));
        }

        private static SeedanceClient JournaledClient(Uri baseUri, TemporaryJournal temp) => new(new SeedanceClientOptions
        {
            BaseUri = baseUri,
            ApiKey = SandboxSession.Secure("sk_test_" + Guid.NewGuid().ToString("N")),
            Journal = temp.Journal,
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(1),
        });

        [Fact]
        public void A_refusal_line_keeps_the_modules_words_not_the_servers()
        {
            using var temp = new TemporaryJournal();
            temp.Journal.Submitting("key-1", Encoding.UTF8.GetBytes("{\"prompt\":\"A kite\"}"), new Uri("http://127.0.0.1:5080/"), DateTimeOffset.UtcNow);

            temp.Journal.Refused("key-1", new SeedanceTaskError(SeedanceErrorCodes.Unauthorized, "The API refused the submission (401 unauthorized)."));

            var task = Assert.Single(temp.Journal.Read().Entries).ToTask();
            Assert.Equal((JournalEntry.RefusedStatus, "The API refused the submission (401 unauthorized)."), (task.Status, task.Error?.Message));
        }
    }
}
