using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests.Journal
{
    /// <summary>A submit whose response never arrived is found in the journal and recovered with its original task, paid once.</summary>
    public sealed class JournalRecoveryTests
    {
        [Fact]
        public async Task Dropped_submit_response_is_recovered_by_Resume_with_the_original_id_and_one_charge()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox, maxRetries: 0);
            sandbox.Faults.Enqueue(SandboxFaultKind.DropConnectionAfterCreate);

            var lost = session.Run("New-SeedanceVideo -Prompt 'A lighthouse in a storm' -Resolution 1080p -ApiKey $Key");
            Assert.Empty(lost.Output);
            Assert.Single(lost.Errors);
            var charge = Assert.Single(sandbox.Account(sandbox.Options.ApiKey).Charges);

            var unconfirmed = session.Run("Get-SeedanceTask -Unconfirmed").ShouldSucceed().Output.Single();
            Assert.Equal("unconfirmed", unconfirmed.Properties["Status"].Value);
            Assert.Equal(charge.IdempotencyKey, unconfirmed.Properties["IdempotencyKey"].Value);

            var resumed = session.Run("Get-SeedanceTask -Unconfirmed | Resume-SeedanceTask -ApiKey $Key -Confirm:$false").ShouldSucceed().Output.Single();

            Assert.Equal(charge.TaskId, resumed.Properties["Id"].Value);
            Assert.Equal("A lighthouse in a storm", resumed.Properties["Prompt"].Value);
            Assert.Single(sandbox.Account(sandbox.Options.ApiKey).Charges);
            Assert.Empty(session.Run("Get-SeedanceTask -Unconfirmed").ShouldSucceed().Output);
            var listed = session.Run("Get-SeedanceTask").ShouldSucceed().Output.Single();
            Assert.Equal(charge.TaskId, listed.Properties["Id"].Value);
            Assert.Equal("1080p", listed.Properties["Resolution"].Value);
        }

        [Fact]
        public async Task A_submit_refused_for_a_mistyped_key_is_never_resent_after_the_key_is_fixed()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox);
            var variables = new Dictionary<string, object?> { ["Key"] = SeedanceSessions.Secure(sandbox.Options.ApiKey), ["Wrong"] = SeedanceSessions.Secure("sk_test_mistyped") };

            var refused = session.Run("New-SeedanceVideo -Prompt 'A lighthouse in a storm' -ApiKey $Wrong", variables);
            session.Run("New-SeedanceVideo -Prompt 'A lighthouse in a storm' -ApiKey $Key", variables).ShouldSucceed();
            var resumed = session.Run("Get-SeedanceTask -Unconfirmed | Resume-SeedanceTask -ApiKey $Key -Confirm:$false", variables).ShouldSucceed();

            Assert.StartsWith("Seedance.unauthorized", Assert.Single(refused.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Empty(resumed.Output);
            Assert.Single(sandbox.Account(sandbox.Options.ApiKey).Charges);
            Assert.Equal(2, sandbox.RequestLog.Count(r => r.Method == "POST"));
            var listed = session.Run("Get-SeedanceTask -Status refused").ShouldSucceed().Output.Single();
            Assert.Equal("A lighthouse in a storm", listed.Properties["Prompt"].Value);
        }

        [Fact]
        public async Task One_entry_whose_key_a_header_cannot_carry_never_blocks_the_recovery_of_the_entries_after_it()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox, maxRetries: 0);
            // What 0.1.0 journaled for -IdempotencyKey "a`r`nb" before the header failed: an entry no header can carry.
            session.Run(
                "([Activator]::CreateInstance([Seedance.SeedanceTask].Assembly.GetType('Seedance.Client.Journal.TaskJournal', $true), @($Journal, $null))).Submitting(\"sdps-broken`r`nkey\", [Text.Encoding]::UTF8.GetBytes('{\"prompt\":\"A broken key\"}'), $Base, [DateTimeOffset]::UtcNow.AddMinutes(-5))",
                new Dictionary<string, object?> { ["Journal"] = session.JournalPath, ["Base"] = sandbox.BaseUri }).ShouldSucceed();
            sandbox.Faults.Enqueue(SandboxFaultKind.DropConnectionAfterCreate);
            session.Run("New-SeedanceVideo -Prompt 'A lighthouse in a storm' -ApiKey $Key");
            var charge = Assert.Single(sandbox.Account(sandbox.Options.ApiKey).Charges);

            var resumed = session.Run("Resume-SeedanceTask -ApiKey $Key -Confirm:$false; 'went on'");

            Assert.Null(resumed.Terminating);
            var error = Assert.Single(resumed.Errors);
            Assert.StartsWith("Seedance.InvalidParameter", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("sdps-broken\\u000D\\u000Akey", error.Exception.Message, StringComparison.Ordinal);
            Assert.Equal(charge.TaskId, resumed.Output[0].Properties["Id"].Value);
            Assert.Equal("went on", resumed.Output[1].ToString());
        }

        [Fact]
        public async Task An_idempotency_key_a_header_cannot_carry_is_refused_while_binding_and_nothing_is_journaled()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox);

            var result = session.Run("New-SeedanceVideo -Prompt 'A kite' -IdempotencyKey \"sdps-a`r`nb\" -ApiKey $Key");

            var error = result.Terminating is System.Management.Automation.RuntimeException stopped ? stopped.ErrorRecord : Assert.Single(result.Errors);
            Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("IdempotencyKey", error.ToString() + error.Exception.Message, StringComparison.Ordinal);
            Assert.Empty(sandbox.RequestLog);
            Assert.False(File.Exists(session.JournalPath));
        }

        [Fact]
        public async Task Resume_skips_an_entry_made_on_another_base_uri_unless_Force_then_recovers_it_there()
        {
            await using var made = await JournalSandbox.StartAsync();
            await using var other = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(made, maxRetries: 0);
            made.Faults.Enqueue(SandboxFaultKind.DropConnectionAfterCreate);
            session.Run("New-SeedanceVideo -Prompt 'A lighthouse in a storm' -ApiKey $Key");
            var charge = Assert.Single(made.Account(made.Options.ApiKey).Charges);
            session.Run("Set-SeedanceConfiguration -BaseUri $Other", new Dictionary<string, object?> { ["Other"] = other.BaseUri }).ShouldSucceed();
            var posts = made.RequestLog.Count;

            var skipped = session.Run("Resume-SeedanceTask -ApiKey $Key -Confirm:$false").ShouldSucceed();
            var forced = session.Run("Resume-SeedanceTask -ApiKey $Key -Force -Confirm:$false").ShouldSucceed();

            Assert.Empty(skipped.Output);
            Assert.Contains(skipped.Warnings, w => w.Message.Contains(made.BaseUri.AbsoluteUri, StringComparison.Ordinal) && w.Message.Contains("-Force", StringComparison.Ordinal));
            Assert.Empty(other.RequestLog);
            Assert.Equal(charge.TaskId, forced.Output.Single().Properties["Id"].Value);
            Assert.Equal(made.BaseUri, forced.Output.Single().Properties["Endpoint"].Value);
            Assert.Equal(posts + 1, made.RequestLog.Count);
            Assert.Single(made.Account(made.Options.ApiKey).Charges);
        }

        [Fact]
        public async Task Killed_process_mid_submit_is_recovered_after_restart_with_the_original_id_and_one_charge()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            var journal = Path.Combine(Path.GetTempPath(), "seedance-kill-" + Guid.NewGuid().ToString("N"), "journal.jsonl");
            try
            {
                sandbox.Faults.Enqueue(SandboxFaultKind.Slow, delay: TimeSpan.FromSeconds(2));
                using (var probe = JournalProbeProcess.Start(sandbox.BaseUri, sandbox.Options.ApiKey, journal, count: 1, parallel: 1, prefix: "Killed mid-flight", maxRetries: 0))
                {
                    // The fault is taken when the POST arrives: from then on the sandbox holds the request, then creates the task.
                    await Eventually.TrueAsync(() => sandbox.Faults.Pending == 0, "the sandbox received the probe's POST");
                    await probe.KillAsync();
                }

                await Eventually.TrueAsync(() => sandbox.Account(sandbox.Options.ApiKey).Charges.Count == 1, "the sandbox created the task of the killed process");
                var charge = sandbox.Account(sandbox.Options.ApiKey).Charges.Single();
                using var session = JournalSandbox.Session(sandbox, journalPath: journal);
                Assert.Single(session.Run("Get-SeedanceTask -Unconfirmed").ShouldSucceed().Output);

                var resumed = session.Run("Resume-SeedanceTask -ApiKey $Key -Confirm:$false").ShouldSucceed().Output.Single();

                Assert.Equal(charge.TaskId, resumed.Properties["Id"].Value);
                Assert.Single(sandbox.Account(sandbox.Options.ApiKey).Charges);
                await Eventually.TrueAsync(() => sandbox.RequestLog.Count(r => r.Method == "POST" && r.IdempotencyKey == charge.IdempotencyKey) == 2, "both POSTs of the key are logged");
                Assert.Single(sandbox.RequestLog.Where(r => r.Method == "POST").Select(r => r.BodySha256).Distinct());
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(journal)!, recursive: true);
            }
        }

        [Fact]
        public async Task Resume_WhatIf_sends_nothing_and_leaves_the_task_unconfirmed()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox, maxRetries: 0);
            sandbox.Faults.Enqueue(SandboxFaultKind.DropConnectionAfterCreate);
            session.Run("New-SeedanceVideo -Prompt 'A paper boat' -ApiKey $Key");
            var posts = sandbox.RequestLog.Count;

            session.Run("Resume-SeedanceTask -ApiKey $Key -WhatIf").ShouldSucceed();

            Assert.Equal(posts, sandbox.RequestLog.Count);
            Assert.Single(session.Run("Get-SeedanceTask -Unconfirmed").ShouldSucceed().Output);
        }

        [Fact]
        public async Task Resume_of_an_unknown_key_is_a_non_terminating_not_found_error()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox);

            var result = session.Run("Resume-SeedanceTask -IdempotencyKey 'sdps-nope' -ApiKey $Key -Confirm:$false; 'went on'");

            Assert.Equal("Seedance.not_found", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal("went on", result.Output.Single().ToString());
            Assert.Empty(sandbox.RequestLog);
        }

        [Fact]
        public async Task The_api_key_never_appears_in_the_journal_file()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox, maxRetries: 0);
            sandbox.Faults.Enqueue(SandboxFaultKind.DropConnectionAfterCreate);
            session.Run("New-SeedanceVideo -Prompt 'First, lost' -ApiKey $Key");
            session.Run("New-SeedanceVideo -Prompt 'Second, kept' -ApiKey $Key; Resume-SeedanceTask -ApiKey $Key -Confirm:$false; Get-SeedanceTask -Refresh -ApiKey $Key").ShouldSucceed();

            var text = File.ReadAllText(session.JournalPath);
            var bytes = File.ReadAllBytes(session.JournalPath);

            Assert.Equal(2, session.Run("Get-SeedanceTask").ShouldSucceed().Output.Count);
            Assert.DoesNotContain(sandbox.Options.ApiKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(sandbox.Options.ApiKey)), text, StringComparison.Ordinal);
            Assert.DoesNotContain("Bearer", text, StringComparison.OrdinalIgnoreCase);
            Assert.Equal((byte)'\n', bytes[^1]);
        }
    }
}
