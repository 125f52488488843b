using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Seedance.Client.Journal;
using Seedance.Journal;
using Seedance.Client;

namespace Seedance.Benchmarks
{
    /// <summary>
    /// Reading a long journal: <see cref="TaskJournal.Read"/> and <c>Get-SeedanceTask -First 1</c> (which reads it all) on a
    /// journal of many finished submissions, beside reading the file's bytes alone, the floor of any reader. Medians of
    /// rounds, with the bytes each read allocates.
    /// </summary>
    internal static class JournalBenchmark
    {
        private const int Rounds = 7;
        private static readonly Uri BaseUri = new("https://seedance2ai.io/");

        public static void Run(int submissions)
        {
            var folder = Directory.CreateTempSubdirectory("seedance-bench-journal-").FullName;
            try
            {
                var path = Path.Combine(folder, "journal.jsonl");
                var journal = Fill(new TaskJournal(path), submissions);
                var size = new FileInfo(path).Length;
                var lines = File.ReadAllLines(path).Length;
                using var engine = new HostedEngine();
                engine.Run("Import-Module -Name $ManifestPath -ErrorAction Stop; Set-SeedanceConfiguration -JournalPath $JournalPath", new() { ["ManifestPath"] = BenchPaths.ModuleManifest, ["JournalPath"] = path });

                var bytes = Measure(() => File.ReadAllBytes(path).Length);
                var read = Measure(() => journal.Read().Entries.Count);
                var listing = Measure(() => engine.Run("@(Get-SeedanceTask -First 1).Count").Count);

                Console.WriteLine($"A journal of {submissions:N0} finished submissions: {lines:N0} lines, {size / 1048576.0:0.0} MiB on disk.");
                Console.WriteLine();
                Console.WriteLine("| read | median (ms) | allocated (MiB) | / file bytes alone |");
                Console.WriteLine("|---|---:|---:|---:|");
                Console.WriteLine($"| the file's bytes alone (File.ReadAllBytes) | {Stats.F(bytes.Milliseconds, "0.0")} | {Stats.F(bytes.MiB, "0.0")} | 1.0x |");
                Console.WriteLine($"| TaskJournal.Read (every line checked and folded) | {Stats.F(read.Milliseconds, "0.0")} | {Stats.F(read.MiB, "0.0")} | {Stats.F(read.Milliseconds / bytes.Milliseconds, "0.0")}x |");
                Console.WriteLine($"| Get-SeedanceTask -First 1 (reads it all, in the engine) | {Stats.F(listing.Milliseconds, "0.0")} | {Stats.F(listing.MiB, "0.0")} | {Stats.F(listing.Milliseconds / bytes.Milliseconds, "0.0")}x |");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        /// <summary>Each submission as the module journals it: the body before the POST, the task after it, its completion.</summary>
        private static TaskJournal Fill(TaskJournal journal, int submissions)
        {
            var start = DateTimeOffset.UtcNow.AddDays(-1);
            for (var i = 0; i < submissions; i++)
            {
                var key = "sdps-bench-" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
                var id = "sd2_bench" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
                var at = start.AddSeconds(i);
                journal.Submitting(key, Encoding.UTF8.GetBytes("{\"prompt\":\"A paper boat drifting down a rainy street, clip " + i + "\",\"duration\":\"8\"}"), BaseUri, at);
                journal.Submitted(key, new SeedanceTask { Id = id, QualityTier = "standard", Channel = "standard", CreditsUsed = 30 });
                journal.Observed(new SeedanceTask
                {
                    Id = id,
                    Status = TaskStatuses.Completed,
                    QualityTier = "standard",
                    Channel = "standard",
                    CreditsUsed = 30,
                    CreatedAt = at,
                    UpdatedAt = at.AddSeconds(40),
                    VideoUrl = "https://cdn.seedance2ai.io/results/" + id + "/video.mp4?expires=1795498393093&signature=" + new string('a', 64),
                    LastFrameUrl = "https://cdn.seedance2ai.io/results/" + id + "/last-frame.png?expires=1795498393093&signature=" + new string('b', 64),
                });
            }

            return journal;
        }

        private static (double Milliseconds, double MiB) Measure(Func<int> read)
        {
            read();
            var times = new List<double>();
            var allocated = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                if (read() < 0)
                {
                    throw new InvalidOperationException("A read returned nothing.");
                }

                times.Add(clock.Elapsed.TotalMilliseconds);
                allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - before) / 1048576.0);
            }

            return (Stats.Median(times), Stats.Median(allocated));
        }
    }
}
