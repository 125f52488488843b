using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Seedance.Sandbox;

namespace Seedance.Benchmarks
{
    /// <summary>
    /// The fault soak (not in CI): submissions through <c>New-SeedanceVideo | Wait-SeedanceTask | Save-SeedanceVideo</c>
    /// in the hosted engine, with the sandbox injecting random faults (503, 500 before and after create, dropped
    /// connections, slow answers, cut downloads) at 5% of requests and a tight rate limit in both the sandbox and the
    /// session. It checks that every submission is accounted for, one charge per task, every video saved with the
    /// right hash, no 429 the faults did not force (random faults never send 429), and no terminating error.
    /// </summary>
    internal static class SoakBenchmark
    {
        private const int RateLimit = 40;
        private const double RateWindowSeconds = 2;
        private const double FaultRate = 0.05;
        private const long VideoSize = 256 * 1024;

        private const string Script = """
            $requests = foreach ($i in 1..$Count) { [pscustomobject]@{ Prompt = "soak clip number $i" } }
            $requests |
                New-SeedanceVideo -ApiKey $Key -Confirm:$false -OutVariable submitted |
                Wait-SeedanceTask -ApiKey $Key -OutVariable finished |
                Save-SeedanceVideo -Path $Folder -ApiKey $Key -Confirm:$false
            """;

        public static async Task<bool> RunAsync(int count)
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions
            {
                RateLimitRequests = RateLimit,
                RateLimitWindow = TimeSpan.FromSeconds(RateWindowSeconds),
                ProcessingTimeSelector = prompt => TimeSpan.FromSeconds(1 + (Math.Abs(prompt.GetHashCode(StringComparison.Ordinal)) % 4000 / 1000.0)),
                VideoSize = VideoSize,
                InitialCredits = 1_000_000_000m,
            });
            sandbox.Faults.InjectRandomly(FaultRate, seed: 2026, TimeSpan.FromSeconds(1.5), afterBytes: 64 * 1024);
            var folder = Directory.CreateTempSubdirectory("seedance-soak-").FullName;
            try
            {
                using var engine = HostedEngine.WithModule(sandbox.BaseUri, $"-RateLimit {RateLimit} -RateLimitWindowSeconds {RateWindowSeconds} -AttemptTimeoutSeconds 30");
                var variables = new Dictionary<string, object?>
                {
                    ["Key"] = new NetworkCredential(string.Empty, sandbox.Options.ApiKey).SecurePassword,
                    ["Count"] = count,
                    ["Folder"] = folder,
                };
                Console.WriteLine($"Soak: {count} submissions, New-SeedanceVideo | Wait-SeedanceTask | Save-SeedanceVideo in the hosted engine; "
                    + $"random faults at {FaultRate:P0} of requests (seed 2026), rate limit {RateLimit} / {RateWindowSeconds} s, render 1–5 s, {VideoSize / 1024} KiB videos. Load {Stats.Load()}.");
                var clock = Stopwatch.StartNew();
                Exception? terminating = null;
                IReadOnlyList<ErrorRecord> errors = Array.Empty<ErrorRecord>();
                try
                {
                    (_, errors) = engine.RunCollectingErrors(Script, variables);
                }
                catch (RuntimeException e)
                {
                    terminating = e;
                }

                var wall = clock.Elapsed;
                var submitted = Tasks(engine, "submitted");
                var finished = Tasks(engine, "finished");
                return Check(sandbox, count, folder, submitted, finished, errors, terminating, wall);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        /// <summary>
        /// The tasks a pipeline variable holds, read by property: the module's SeedanceTask lives in its own load context, a
        /// different type from the Seedance.Client this benchmark references.
        /// </summary>
        private static List<SoakTask> Tasks(HostedEngine engine, string variable) =>
            engine.Run("$" + variable).Where(o => o.TypeNames.Contains("Seedance.SeedanceTask")).Select(SoakTask.From).ToList();

        private static bool Check(SandboxHost sandbox, int count, string folder, List<SoakTask> submitted, List<SoakTask> finished, IReadOnlyList<ErrorRecord> errors, Exception? terminating, TimeSpan wall)
        {
            var prompts = Enumerable.Range(1, count).Select(i => "soak clip number " + i).ToHashSet();
            var erroredTargets = errors.Select(Describe).ToList();
            var unaccounted = prompts.Count(p => !submitted.Any(t => t.Prompt == p) && !erroredTargets.Any(d => d.Contains(p, StringComparison.Ordinal)));
            var charges = sandbox.Account(sandbox.Options.ApiKey).Charges;
            var chargesPerTask = charges.GroupBy(c => c.TaskId).ToList();
            var doubleCharged = chargesPerTask.Count(g => g.Count() > 1);
            var orphanCharges = chargesPerTask.Count(g => submitted.All(t => t.Id != g.Key));
            var completed = finished.Where(t => t.Status == TaskStatuses.Completed).ToList();
            var badHashes = 0;
            var missing = 0;
            foreach (var task in completed)
            {
                var file = Path.Combine(folder, task.Id + ".mp4");
                if (!File.Exists(file))
                {
                    missing++;
                    continue;
                }

                if (!SHA256.HashData(File.ReadAllBytes(file)).AsSpan().SequenceEqual(SHA256.HashData(sandbox.ResultBytes(task.Id))))
                {
                    badHashes++;
                }
            }

            var log = sandbox.RequestLog;
            var api = log.Count(r => r.Path.StartsWith("/api/", StringComparison.Ordinal));
            var rateLimited = log.Count(r => r.Status == 429);
            var injected = sandbox.Faults.RandomlyInjected;
            var forced429 = injected.TryGetValue(SandboxFaultKind.RateLimited429, out var n) ? n : 0;
            var pass = terminating is null && unaccounted == 0 && doubleCharged == 0 && orphanCharges == 0 && charges.Count == submitted.Count
                && missing == 0 && badHashes == 0 && rateLimited <= forced429 && completed.Count == submitted.Count;

            Console.WriteLine();
            Console.WriteLine("| check | result |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine($"| wall time | {Stats.F(wall.TotalSeconds, "0")} s |");
            Console.WriteLine($"| submissions | {count} |");
            Console.WriteLine($"| tasks returned by New-SeedanceVideo | {submitted.Count} |");
            Console.WriteLine($"| error records (clear, non-terminating) | {errors.Count}{(errors.Count > 0 ? ": " + string.Join("; ", errors.Select(e => e.FullyQualifiedErrorId).Distinct()) : string.Empty)} |");
            Console.WriteLine($"| submissions unaccounted for (neither task nor error) | {unaccounted} |");
            Console.WriteLine($"| charges in the ledger / tasks | {charges.Count} / {submitted.Count} |");
            Console.WriteLine($"| tasks charged more than once / charges for tasks nobody got | {doubleCharged} / {orphanCharges} |");
            Console.WriteLine($"| completed tasks / saved with the right SHA-256 | {completed.Count} / {completed.Count - missing - badHashes} |");
            Console.WriteLine($"| API requests (per submission) | {api} ({Stats.F(api / (double)count, "0.00")}) |");
            Console.WriteLine($"| downloads (incl. resumed ranges) | {log.Count(r => r.Path.StartsWith("/results/", StringComparison.Ordinal))} |");
            Console.WriteLine($"| faults injected | {injected.Values.Sum()}: {string.Join(", ", injected.OrderBy(p => p.Key.ToString()).Select(p => p.Key + " " + p.Value))} |");
            Console.WriteLine($"| 429 answered / forced by faults | {rateLimited} / {forced429} |");
            Console.WriteLine($"| terminating error | {(terminating is null ? "none" : terminating.GetType().Name + ": " + terminating.Message)} |");
            Console.WriteLine($"| **soak** | **{(pass ? "passed" : "FAILED")}** |");
            return pass;
        }

        private static string Describe(ErrorRecord error) =>
            (error.TargetObject is null ? string.Empty : PSObject.AsPSObject(error.TargetObject).Properties["Prompt"]?.Value?.ToString() ?? string.Empty) + " " + error;

        private sealed record SoakTask(string Id, string? Prompt, string? Status)
        {
            public static SoakTask From(PSObject task) => new(
                (string)task.Properties["Id"].Value,
                task.Properties["Prompt"].Value as string,
                task.Properties["Status"].Value as string);
        }
    }
}
