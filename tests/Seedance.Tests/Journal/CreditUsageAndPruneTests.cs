using System.Linq;
using System.Threading.Tasks;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests.Journal
{
    /// <summary>Get-SeedanceCreditUsage totals agree with the sandbox's ledger; Clear-SeedanceJournal keeps what may still matter.</summary>
    public sealed class CreditUsageAndPruneTests
    {
        private const string SubmitFour =
            "New-SeedanceVideo -Prompt 'One at 1080p' -Resolution 1080p -ApiKey $Key; " +
            "New-SeedanceVideo -Prompt 'Two at 1080p [fail]' -Resolution 1080p -ApiKey $Key; " +
            "New-SeedanceVideo -Prompt 'Three at default' -ApiKey $Key; " +
            "New-SeedanceVideo -Prompt 'Four at 4k' -QualityTier pro -Resolution 4k -Channel wild -ApiKey $Key";

        [Fact]
        public async Task Credit_totals_match_the_ledger_overall_and_per_resolution_after_refresh()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox);
            session.Run(SubmitFour).ShouldSucceed();
            var account = sandbox.Account(sandbox.Options.ApiKey);
            await Eventually.TrueAsync(() => account.Refunds.Count == 1, "the [fail] task was refunded");
            session.Run("Get-SeedanceTask -Refresh -ApiKey $Key").ShouldSucceed();

            var total = session.Run("Get-SeedanceCreditUsage").ShouldSucceed().Output.Single();
            var byResolution = session.Run("Get-SeedanceCreditUsage -GroupBy Resolution").ShouldSucceed().Output;

            var used = account.Charges.Sum(c => c.Credits);
            var refunded = account.Refunds.Sum(r => r.Credits);
            Assert.Equal(4, total.Properties["Tasks"].Value);
            Assert.Equal(used, total.Properties["CreditsUsed"].Value);
            Assert.Equal(refunded, total.Properties["CreditsRefunded"].Value);
            Assert.Equal(used - refunded, total.Properties["CreditsNet"].Value);
            Assert.Equal(new object[] { "1080p", "4k", "720p" }, byResolution.Select(r => r.Properties["Group"].Value));
            var charges = account.Charges;
            Assert.Equal(charges[0].Credits + charges[1].Credits, byResolution[0].Properties["CreditsUsed"].Value);
            Assert.Equal(refunded, byResolution[0].Properties["CreditsRefunded"].Value);
            Assert.Equal(charges[3].Credits, byResolution[1].Properties["CreditsNet"].Value);
            Assert.Equal(new object[] { "standard", "wild" }, session.Run("Get-SeedanceCreditUsage -GroupBy Channel").ShouldSucceed().Output.Select(r => r.Properties["Group"].Value));
            Assert.Equal(new object[] { "pro", "standard" }, session.Run("Get-SeedanceCreditUsage -GroupBy QualityTier").ShouldSucceed().Output.Select(r => r.Properties["Group"].Value));
            Assert.Equal(used - refunded, session.Run("Get-SeedanceCreditUsage -GroupBy Day").ShouldSucceed().Output.Single().Properties["CreditsNet"].Value);
            Assert.Empty(session.Run("Get-SeedanceCreditUsage -Since ([datetime]::Now.AddMinutes(5))").ShouldSucceed().Output);
        }

        [Fact]
        public async Task Credit_usage_counts_the_configured_endpoint_only_and_groups_by_endpoint_on_request()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox);
            // A task made on the real API, journaled beside the sandbox's: its credits are the real account's.
            session.Run(
                "$journal = [Activator]::CreateInstance([Seedance.SeedanceTask].Assembly.GetType('Seedance.Client.Journal.TaskJournal', $true), @($Journal, $null)); " +
                "$journal.Submitting('real-1', [Text.Encoding]::UTF8.GetBytes('{\"prompt\":\"A real one\"}'), [uri]'https://seedance2ai.io/', [DateTimeOffset]::UtcNow); " +
                "$journal.Submitted('real-1', [Seedance.SeedanceTask]@{ Id = 'sd2_real'; CreditsUsed = 999 })",
                new System.Collections.Generic.Dictionary<string, object?> { ["Journal"] = session.JournalPath }).ShouldSucceed();
            session.Run("New-SeedanceVideo -Prompt 'A sandbox one' -ApiKey $Key").ShouldSucceed();
            var charged = sandbox.Account(sandbox.Options.ApiKey).Charges.Single().Credits;

            var total = session.Run("Get-SeedanceCreditUsage").ShouldSucceed().Output.Single();
            var byEndpoint = session.Run("Get-SeedanceCreditUsage -GroupBy Endpoint").ShouldSucceed().Output;

            Assert.Equal((1, charged), (total.Properties["Tasks"].Value, total.Properties["CreditsUsed"].Value));
            Assert.Equal(new object[] { sandbox.BaseUri.AbsoluteUri, "https://seedance2ai.io/" }, byEndpoint.Select(r => r.Properties["Group"].Value));
            Assert.Equal(999m, byEndpoint[1].Properties["CreditsUsed"].Value);
            var listed = session.Run("Get-SeedanceTask").ShouldSucceed().Output;
            Assert.Equal(new object[] { sandbox.BaseUri, new System.Uri("https://seedance2ai.io/") }, listed.Select(t => t.Properties["Endpoint"].Value));
        }

        [Fact]
        public async Task Clear_removes_finished_tasks_and_keeps_unfinished_and_unconfirmed_ones()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox, maxRetries: 0);
            session.Run(SubmitFour).ShouldSucceed();
            var account = sandbox.Account(sandbox.Options.ApiKey);
            await Eventually.TrueAsync(() => account.Refunds.Count == 1, "the [fail] task was refunded");
            session.Run("Get-SeedanceTask -First 3 | Wait-SeedanceTask -ApiKey $Key -ErrorAction SilentlyContinue");
            sandbox.Faults.Enqueue(Seedance.Sandbox.SandboxFaultKind.DropConnectionAfterCreate);
            session.Run("New-SeedanceVideo -Prompt 'Lost reply' -ApiKey $Key");

            Assert.Empty(session.Run("Clear-SeedanceJournal -OlderThanDays 0 -WhatIf -PassThru").ShouldSucceed().Output);
            var removed = session.Run("Clear-SeedanceJournal -OlderThanDays 0 -PassThru -Confirm:$false").ShouldSucceed().Output;
            var kept = session.Run("Get-SeedanceTask").ShouldSucceed().Output;

            Assert.Equal(new[] { account.Charges[1].TaskId, account.Charges[2].TaskId, account.Charges[3].TaskId }.OrderBy(id => id), removed.Select(t => (string)t.Properties["Id"].Value).OrderBy(id => id));
            Assert.Equal(new object[] { "Lost reply", "One at 1080p" }, kept.Select(t => t.Properties["Prompt"].Value));
            Assert.Empty(session.Run("Clear-SeedanceJournal -PassThru -Confirm:$false").ShouldSucceed().Output);
        }
    }
}
