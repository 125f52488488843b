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
    /// <summary>Get-SeedanceTask without -Id lists this machine's submissions from the journal, filtered and refreshed.</summary>
    public sealed class GetSeedanceTaskJournalTests
    {
        private const string SubmitThree =
            "New-SeedanceVideo -Prompt 'First clip' -Resolution 1080p -Duration 6 -ApiKey $Key; " +
            "New-SeedanceVideo -Prompt 'Second clip [fail]' -ApiKey $Key; " +
            "New-SeedanceVideo -Prompt 'Third clip' -QualityTier pro -Resolution 4k -ApiKey $Key";

        [Fact]
        public async Task Lists_submissions_newest_first_with_journal_details_matching_the_ledger()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox);
            session.Run(SubmitThree).ShouldSucceed();

            var tasks = session.Run("Get-SeedanceTask").ShouldSucceed().Output;

            var charges = sandbox.Account(sandbox.Options.ApiKey).Charges;
            Assert.Equal(charges.Select(c => c.TaskId).Reverse(), tasks.Select(t => t.Properties["Id"].Value));
            Assert.Equal(charges.Select(c => c.IdempotencyKey).Reverse(), tasks.Select(t => t.Properties["IdempotencyKey"].Value));
            Assert.Equal(new object[] { "Third clip", "Second clip [fail]", "First clip" }, tasks.Select(t => t.Properties["Prompt"].Value));
            Assert.Equal(new object[] { "4k", "720p", "1080p" }, tasks.Select(t => t.Properties["Resolution"].Value));
            Assert.Equal(6, tasks[2].Properties["Duration"].Value);
            Assert.Equal(charges.Select(c => c.Credits).Reverse(), tasks.Select(t => (decimal)t.Properties["CreditsUsed"].Value));
            Assert.Equal("Seedance.SeedanceTask", tasks[0].TypeNames[0]);
        }

        [Fact]
        public async Task First_Since_Unconfirmed_and_Status_filter_the_list()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox, maxRetries: 0);
            session.Run("New-SeedanceVideo -Prompt 'Before the cut' -ApiKey $Key").ShouldSucceed();
            var cut = DateTime.Now;
            session.Run(SubmitThree).ShouldSucceed();
            sandbox.Faults.Enqueue(SandboxFaultKind.DropConnectionAfterCreate);
            session.Run("New-SeedanceVideo -Prompt 'Lost reply' -ApiKey $Key");
            var vars = new Dictionary<string, object?> { ["Cut"] = cut };

            Assert.Equal(5, session.Run("Get-SeedanceTask").ShouldSucceed().Output.Count);
            Assert.Equal(new object[] { "Lost reply", "Third clip" }, session.Run("Get-SeedanceTask -First 2").ShouldSucceed().Output.Select(t => t.Properties["Prompt"].Value));
            Assert.Equal(4, session.Run("Get-SeedanceTask -Since $Cut", vars).ShouldSucceed().Output.Count);
            Assert.Equal("Lost reply", session.Run("Get-SeedanceTask -Unconfirmed").ShouldSucceed().Output.Single().Properties["Prompt"].Value);
            Assert.Equal(4, session.Run("Get-SeedanceTask -Status processing").ShouldSucceed().Output.Count);
            Assert.Equal(5, session.Run("Get-SeedanceTask -Status processing, unconfirmed").ShouldSucceed().Output.Count);
            Assert.Empty(session.Run("Get-SeedanceTask -Status completed").ShouldSucceed().Output);
        }

        [Fact]
        public async Task Refresh_asks_the_api_only_for_unfinished_tasks_and_records_their_final_state()
        {
            await using var sandbox = await JournalSandbox.StartAsync(TimeSpan.FromMilliseconds(200));
            using var session = JournalSandbox.Session(sandbox);
            session.Run(SubmitThree).ShouldSucceed();
            var lastFinishes = sandbox.Account(sandbox.Options.ApiKey).Charges[^1].At + sandbox.Options.ProcessingTime;
            await Eventually.TrueAsync(() => DateTimeOffset.UtcNow > lastFinishes.AddMilliseconds(100), "every task's processing time is over");

            var refreshed = session.Run("Get-SeedanceTask -Refresh -ApiKey $Key").ShouldSucceed().Output;

            Assert.Equal(3, sandbox.RequestLog.Count(r => r.Method == "GET"));
            Assert.Equal(new object[] { "completed", "failed", "completed" }, refreshed.Select(t => t.Properties["Status"].Value));
            var refund = sandbox.Account(sandbox.Options.ApiKey).Refunds.Single();
            Assert.Equal(refund.Credits, refreshed[1].Properties["CreditsRefunded"].Value);
            Assert.NotNull(refreshed[0].Properties["VideoUrl"].Value);

            Assert.Equal(2, session.Run("Get-SeedanceTask -Status completed -Refresh -ApiKey $Key").ShouldSucceed().Output.Count);
            Assert.Equal(3, sandbox.RequestLog.Count(r => r.Method == "GET"));
        }

        [Fact]
        public async Task Listed_tasks_pipe_into_Get_SeedanceTask_by_Id()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox);
            session.Run(SubmitThree).ShouldSucceed();

            var fetched = session.Run("Get-SeedanceTask -First 2 | Get-SeedanceTask -ApiKey $Key").ShouldSucceed().Output;

            var charges = sandbox.Account(sandbox.Options.ApiKey).Charges;
            Assert.Equal(new[] { charges[2].TaskId, charges[1].TaskId }, fetched.Select(t => t.Properties["Id"].Value));
        }

        [Fact]
        public async Task Listed_tasks_pipe_into_Wait_and_Save_and_the_journal_learns_their_final_state()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox);
            session.Run(SubmitThree).ShouldSucceed();
            var folder = Path.Combine(Path.GetDirectoryName(session.JournalPath)!, "videos");
            Directory.CreateDirectory(folder);

            var saved = session.Run("Get-SeedanceTask | Wait-SeedanceTask -ApiKey $Key -ErrorAction SilentlyContinue | Save-SeedanceVideo -Path $Dir -ApiKey $Key", new Dictionary<string, object?> { ["Dir"] = folder });

            var files = saved.Output.Select(o => o.BaseObject).OfType<FileInfo>().ToList();
            Assert.Equal(2, files.Count);
            Assert.All(files, f => Assert.True(f.Exists && f.Length > 0, f.FullName));
            Assert.Equal(new object[] { "completed", "failed", "completed" }, session.Run("Get-SeedanceTask").ShouldSucceed().Output.Select(t => t.Properties["Status"].Value));
        }

        [Fact]
        public async Task Torn_and_corrupted_lines_are_skipped_with_warnings_and_good_entries_still_listed()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox);
            session.Run(SubmitThree).ShouldSucceed();
            var lines = File.ReadAllLines(session.JournalPath).ToList();
            lines.Insert(2, "{\"sum\":\"0000000000000000\",\"event\":{\"kind\":\"submitted\"}}");
            File.WriteAllText(session.JournalPath, string.Join("\n", lines) + "\n" + "{\"sum\":\"12ab\",\"event\":{\"kind\":\"subm");

            var result = session.Run("Get-SeedanceTask").ShouldSucceed();

            Assert.Equal(3, result.Output.Count);
            Assert.Equal(2, result.Warnings.Count);
            Assert.All(result.Warnings, w => Assert.Contains(session.JournalPath, w.Message, StringComparison.Ordinal));
        }

        [Fact]
        public async Task NoJournal_writes_nothing_and_listing_says_the_journal_is_off()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            using var session = JournalSandbox.Session(sandbox);

            session.Run("Set-SeedanceConfiguration -NoJournal; New-SeedanceVideo -Prompt 'Unrecorded' -ApiKey $Key").ShouldSucceed();
            var listing = session.Run("Get-SeedanceTask");

            Assert.False(File.Exists(session.JournalPath));
            Assert.Single(sandbox.Account(sandbox.Options.ApiKey).Charges);
            var error = listing.Terminating is System.Management.Automation.RuntimeException stopped ? stopped.ErrorRecord : Assert.Single(listing.Errors);
            Assert.Equal("Seedance.InvalidConfiguration", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Empty(listing.Output);
        }
    }
}
