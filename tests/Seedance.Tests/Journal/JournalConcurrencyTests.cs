using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests.Journal
{
    /// <summary>Several processes share one journal file: no entry is torn, lost or duplicated.</summary>
    public sealed class JournalConcurrencyTests
    {
        [Fact]
        public async Task Four_processes_submitting_fifty_each_leave_two_hundred_complete_distinct_entries()
        {
            await using var sandbox = await JournalSandbox.StartAsync();
            var journal = Path.Combine(Path.GetTempPath(), "seedance-multi-" + Guid.NewGuid().ToString("N"), "journal.jsonl");
            try
            {
                var probes = Enumerable.Range(0, 4)
                    .Select(p => JournalProbeProcess.Start(sandbox.BaseUri, sandbox.Options.ApiKey, journal, count: 50, parallel: 4, prefix: $"Probe {p}"))
                    .ToList();
                var results = await Task.WhenAll(probes.Select(p => p.WaitAsync()));
                probes.ForEach(p => p.Dispose());
                Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));

                var lines = File.ReadAllText(journal).Split('\n');
                Assert.Equal(string.Empty, lines[^1]);
                Assert.Equal(400, lines.Length - 1);
                Assert.All(lines[..^1], line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.GetProperty("event").ValueKind));

                using var session = JournalSandbox.Session(sandbox, journalPath: journal);
                var listed = session.Run("Get-SeedanceTask");
                listed.ShouldSucceed();
                Assert.Empty(listed.Warnings);
                var ids = listed.Output.Select(t => (string)t.Properties["Id"].Value).ToList();
                Assert.Equal(200, ids.Distinct().Count());
                Assert.Equal(200, listed.Output.Select(t => (string)t.Properties["IdempotencyKey"].Value).Distinct().Count());
                Assert.Equal(sandbox.Account(sandbox.Options.ApiKey).Charges.Select(c => c.TaskId).OrderBy(id => id), ids.OrderBy(id => id));
                Assert.Equal(200, listed.Output.Select(t => (string)t.Properties["Prompt"].Value).Distinct().Count());
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(journal)!, recursive: true);
            }
        }
    }
}
