using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Seedance.Client.Requests;
using Seedance.Requests;
using Seedance.Sandbox;
using Seedance.Client.Waiting;
using Seedance.Client;

namespace Seedance.Benchmarks
{
    /// <summary>
    /// The rows measured where users are: the real pwsh of the tool manifest, as child processes, against the sandbox in
    /// this process, each beside its baseline in the same run (rounds interleaved, medians). P1 import in a fresh
    /// process; P2, P3 per call; P4 the vault key; P5 a CSV batch; P6 several processes on one account; P7 a download.
    /// </summary>
    internal static class ShellBenchmark
    {
        private const int Limit = 30;
        private const double WindowSeconds = 60;
        private const long DownloadSize = 256L * 1024 * 1024;

        /// <summary>The SecretStore's documented non-interactive set-up (its README), for the children's throwaway HOME.</summary>
        private static readonly string[] VaultSetUp =
        {
            "-Command",
            "Reset-SecretStore -Scope CurrentUser -Authentication None -Interaction None -Force -WarningAction SilentlyContinue; "
                + "Register-SecretVault -Name SecretStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault -AllowClobber",
        };

        public static async Task<List<SummaryRow>> RunAsync(int importRounds, int calls, int rounds)
        {
            using var shell = RealShell.Find();
            Console.WriteLine($"Real pwsh: {shell.Path} (-NoProfile -NonInteractive, a throwaway HOME). Load {Stats.Load()}.");
            var rows = new List<SummaryRow> { await ImportAsync(shell, importRounds) };
            rows.AddRange(await PerCallAsync(shell, calls, rounds));
            rows.Add(await BatchAsync(shell));
            rows.Add(await JobsAsync(shell));
            rows.Add(await DownloadAsync(shell));
            return rows;
        }

        /// <summary>P1 alone (the harness smoke test runs it).</summary>
        public static async Task<SummaryRow> ImportOnlyAsync(int importRounds)
        {
            using var shell = RealShell.Find();
            return await ImportAsync(shell, importRounds);
        }

        /// <summary>P1: a fresh <c>pwsh -NoProfile</c> that imports Seedance, beside one that runs <c>1</c> and one that imports the empty binary module.</summary>
        private static async Task<SummaryRow> ImportAsync(RealShell shell, int rounds)
        {
            var ways = new[]
            {
                "1",
                $"Import-Module '{BenchPaths.EmptyModuleManifest}'; 1",
                $"Import-Module '{BenchPaths.ModuleManifest}'; 1",
            };
            foreach (var way in ways)
            {
                await RunCommandAsync(shell, way);
            }

            var times = ways.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < ways.Length; k++)
                {
                    var which = (round + k) % ways.Length;
                    times[which].Add(await RunCommandAsync(shell, ways[which]));
                }
            }

            var overEmptyShell = Stats.Median(times[2].Zip(times[0], (a, b) => a - b));
            var overEmptyModule = Stats.Median(times[2].Zip(times[1], (a, b) => a - b));
            var emptyModule = Stats.Median(times[1].Zip(times[0], (a, b) => a - b));
            Console.WriteLine($"P1. Fresh pwsh -NoProfile processes, {rounds} interleaved rounds (median ms): `-c 1` {Stats.F(Stats.Median(times[0]), "0")}, "
                + $"importing the empty binary module {Stats.F(Stats.Median(times[1]), "0")}, importing Seedance {Stats.F(Stats.Median(times[2]), "0")}; "
                + $"median per-round deltas: Seedance +{Stats.F(overEmptyShell, "0")} over `-c 1`, +{Stats.F(overEmptyModule, "0")} over the empty module "
                + $"(which itself costs +{Stats.F(emptyModule, "0")}).");
            return new SummaryRow(
                $"P1. Import in a fresh `pwsh -NoProfile` (median of {rounds} interleaved rounds)",
                $"+{Stats.F(overEmptyShell, "0")} ms over `pwsh -c 1` ({Stats.F(Stats.Median(times[2]), "0")} ms in all)",
                $"`pwsh -c 1` {Stats.F(Stats.Median(times[0]), "0")} ms; the empty binary module +{Stats.F(emptyModule, "0")} ms (Seedance +{Stats.F(overEmptyModule, "0")} ms over it)",
                $"+{Stats.F(overEmptyShell, "0")} ms",
                "<= +100 ms",
                overEmptyShell <= 100);
        }

        private static async Task<double> RunCommandAsync(RealShell shell, string command)
        {
            var run = await shell.RunAsync(new[] { "-Command", command }, TimeSpan.FromMinutes(2));
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"pwsh -c {command} failed: {run.Errors}");
            }

            return run.Elapsed.TotalMilliseconds;
        }

        /// <summary>P2–P4: PerCall.ps1 in one pwsh, every way in rotating rounds.</summary>
        private static async Task<List<SummaryRow>> PerCallAsync(RealShell shell, int calls, int rounds)
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { RateLimitRequests = 100_000_000, RateLimitWindow = TimeSpan.FromSeconds(1), InitialCredits = 1_000_000_000m });
            var vault = shell.SecretModules is not null;
            if (vault)
            {
                // The documented non-interactive set-up of a SecretStore, in the children's throwaway HOME.
                var setUp = await shell.RunAsync(
                    VaultSetUp,
                    TimeSpan.FromMinutes(2),
                    withVaultModules: true);
                if (setUp.ExitCode != 0)
                {
                    throw new InvalidOperationException("The SecretStore set-up failed: " + setUp.Errors);
                }
            }

            var parameters = new Dictionary<string, string?>
            {
                ["ModuleManifest"] = BenchPaths.ModuleManifest,
                ["BaseUri"] = sandbox.BaseUri.AbsoluteUri,
                ["Key"] = sandbox.Options.ApiKey,
                ["JournalPath"] = Path.Combine(shell.Home, "per-call-journal.jsonl"),
                ["Calls"] = calls.ToString(CultureInfo.InvariantCulture),
                ["Rounds"] = rounds.ToString(CultureInfo.InvariantCulture),
            };
            if (vault)
            {
                parameters["Vault"] = null;
            }

            var run = await shell.RunScriptAsync("PerCall.ps1", parameters, TimeSpan.FromMinutes(15), withVaultModules: vault);
            using var json = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]);
            var medians = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => Stats.Median(p.Value.EnumerateArray().Select(v => v.GetDouble())));
            var rejected = sandbox.RequestLog.Count(r => r.Status >= 400);
            Console.WriteLine($"P2–P4. Per call in one pwsh, {rounds} rounds x {calls} calls per way, order rotating (median µs/call): "
                + string.Join(", ", medians.Select(p => $"{p.Key} {Stats.F(p.Value, "0")}")) + $". The sandbox answered {sandbox.RequestLog.Count} requests, {rejected} of them >= 400.");

            double M(string way) => medians[way];
            var rows = new List<SummaryRow>
            {
                new(
                    $"P2. `Get-SeedanceTask -Id` per call in pwsh ({rounds} x {calls})",
                    $"{Stats.F(M("get.module"), "0")} µs; without the journal {Stats.F(M("get.module.nojournal"), "0")} µs",
                    $"`Invoke-RestMethod` {Stats.F(M("get.irm"), "0")} µs; a reused `HttpClient` from script {Stats.F(M("get.httpclient"), "0")} µs ({Stats.F(M("get.module") / M("get.httpclient"), "0.00")}x of it)",
                    Stats.F(M("get.module") / M("get.irm"), "0.00") + "x",
                    "< `Invoke-RestMethod`",
                    M("get.module") < M("get.irm")),
                new(
                    $"P3. `New-SeedanceVideo` per call in pwsh ({rounds} x {calls})",
                    $"{Stats.F(M("new.module"), "0")} µs; without the journal {Stats.F(M("new.module.nojournal"), "0")} µs",
                    $"`Invoke-RestMethod` POST {Stats.F(M("new.irm"), "0")} µs; a reused `HttpClient` from script {Stats.F(M("new.httpclient"), "0")} µs ({Stats.F(M("new.module") / M("new.httpclient"), "0.00")}x of it)",
                    Stats.F(M("new.module") / M("new.irm"), "0.00") + "x",
                    "< `Invoke-RestMethod`",
                    M("new.module") < M("new.irm")),
            };
            rows.Add(vault
                ? new(
                    $"P4. Key from the real SecretStore per call in pwsh ({rounds} x {calls})",
                    $"`Get-SeedanceTask` {Stats.F(M("get.module.vault"), "0")} µs; `New-SeedanceVideo` {Stats.F(M("new.module.vault"), "0")} µs ({Stats.F(M("new.module.vault") / M("new.module"), "0.00")}x)",
                    $"the key from `SEEDANCE_API_KEY`: {Stats.F(M("get.module"), "0")} µs; {Stats.F(M("new.module"), "0")} µs",
                    Stats.F(M("get.module.vault") / M("get.module"), "0.00") + "x",
                    "<= 1.1x",
                    M("get.module.vault") <= 1.1 * M("get.module"))
                : new(
                    "P4. Key from the real SecretStore per call in pwsh",
                    "skipped: SecretManagement and SecretStore are not on this machine",
                    "(set SEEDANCE_SECRET_MODULES to the folder holding both)",
                    "—",
                    "<= 1.1x",
                    null));
            return rows;
        }

        /// <summary>P5: a 20-task CSV batch through the module's one-liner and through a 5-second polling script, at the real rate limit.</summary>
        private static async Task<SummaryRow> BatchAsync(RealShell shell)
        {
            const int count = 20;
            var renders = Renders(count, seed: 20);
            var csv = Path.Combine(shell.Home, "batch.csv");
            await File.WriteAllLinesAsync(csv, renders.Select((r, i) => $"\"csv clip {i + 1:00} [takes:{Stats.F(r, "0.0")}]\"").Prepend("prompt"));
            Console.WriteLine();
            Console.WriteLine($"P5. A {count}-task CSV batch in a fresh pwsh, the sandbox at the real rate limit ({Limit} requests / {WindowSeconds} s), renders 20–60 s (seeded).");
            Console.WriteLine("Lower bound = later of (slowest task's finish) and (the rate limit's time for one submit + one poll per task); times from the sandbox's log, first submit to last byte saved.");
            Console.WriteLine();
            Console.WriteLine("| way | wall (s) | lower bound (s) | wall / bound | requests / task | 429 |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            var module = await BatchOnceAsync(shell, "Module", csv, count);
            PrintBatch("`Import-Csv \\| New-SeedanceVideo \\| Wait-SeedanceTask \\| Save-SeedanceVideo`", module);
            var script = await BatchOnceAsync(shell, "Script", csv, count);
            PrintBatch("`Invoke-RestMethod` every 5 s, `Invoke-WebRequest -OutFile`", script);
            return new SummaryRow(
                $"P5. {count}-task CSV batch in pwsh, real rate limit",
                $"{Stats.F(module.Ratio, "0.00")}x the bound, {Stats.F(module.RequestsPerTask, "0.00")} requests/task, {module.RateLimited} x 429",
                $"5 s `Invoke-RestMethod` polling script: {Stats.F(script.Ratio, "0.00")}x, {Stats.F(script.RequestsPerTask, "0.00")} requests/task, {script.RateLimited} x 429",
                Stats.F(module.Ratio, "0.00") + "x",
                "<= 1.1x the bound, <= 2.2 requests/task, 0 x 429",
                module.Ratio <= 1.1 && module.RequestsPerTask <= 2.2 && module.RateLimited == 0);
        }

        private static async Task<BatchResult> BatchOnceAsync(RealShell shell, string way, string csv, int count)
        {
            await using var sandbox = await AccountSandboxAsync();
            var folder = Directory.CreateTempSubdirectory("seedance-bench-batch-").FullName;
            try
            {
                await shell.RunScriptAsync(
                    "Batch.ps1",
                    new Dictionary<string, string?>
                    {
                        ["Way"] = way,
                        ["ModuleManifest"] = BenchPaths.ModuleManifest,
                        ["BaseUri"] = sandbox.BaseUri.AbsoluteUri,
                        ["Key"] = sandbox.Options.ApiKey,
                        ["Csv"] = csv,
                        ["Folder"] = folder,
                        ["RateLimit"] = Limit.ToString(CultureInfo.InvariantCulture),
                        ["RateWindowSeconds"] = Stats.F(WindowSeconds, "0"),
                        ["PollSeconds"] = "5",
                    },
                    TimeSpan.FromMinutes(10),
                    dataHome: "batch-" + way);
                return Measure(sandbox, count, Directory.GetFiles(folder).Length);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        /// <summary>P6: 3 <c>Start-Job</c> processes x 8 tasks on one account.</summary>
        private static async Task<SummaryRow> JobsAsync(RealShell shell)
        {
            const int processes = 3;
            const int tasks = 8;
            var renders = Renders(processes * tasks, seed: 24);
            await using var sandbox = await AccountSandboxAsync();
            var folder = Directory.CreateTempSubdirectory("seedance-bench-jobs-").FullName;
            try
            {
                await shell.RunScriptAsync(
                    "Jobs.ps1",
                    new Dictionary<string, string?>
                    {
                        ["ModuleManifest"] = BenchPaths.ModuleManifest,
                        ["BaseUri"] = sandbox.BaseUri.AbsoluteUri,
                        ["Key"] = sandbox.Options.ApiKey,
                        ["Folder"] = folder,
                        ["Processes"] = processes.ToString(CultureInfo.InvariantCulture),
                        ["Tasks"] = tasks.ToString(CultureInfo.InvariantCulture),
                        ["RateLimit"] = Limit.ToString(CultureInfo.InvariantCulture),
                        ["RateWindowSeconds"] = Stats.F(WindowSeconds, "0"),
                        ["Renders"] = string.Join(',', renders.Select(r => Stats.F(r, "0.0"))),
                    },
                    TimeSpan.FromMinutes(10),
                    dataHome: "jobs");
                var result = Measure(sandbox, processes * tasks, Directory.GetFiles(folder).Length);
                Console.WriteLine();
                Console.WriteLine($"P6. {processes} `Start-Job` processes x {tasks} tasks on one account, each `New-SeedanceVideo | Wait-SeedanceTask | Save-SeedanceVideo`, real rate limit, renders 20–60 s:");
                Console.WriteLine();
                Console.WriteLine("| way | wall (s) | lower bound (s) | wall / bound | requests / task | 429 |");
                Console.WriteLine("|---|---:|---:|---:|---:|---:|");
                PrintBatch($"{processes} processes x {tasks} tasks", result);
                return new SummaryRow(
                    $"P6. {processes} processes x {tasks} tasks on one account (`Start-Job`)",
                    $"makespan {Stats.F(result.Wall, "0.0")} s, {result.RateLimited} x 429, {Stats.F(result.RequestsPerTask, "0.00")} requests/task",
                    $"lower bound {Stats.F(result.Bound, "0.0")} s",
                    Stats.F(result.Ratio, "0.00") + "x",
                    "<= 1.1x the bound, 0 x 429",
                    result.Ratio <= 1.1 && result.RateLimited == 0);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        /// <summary>P7: a 256 MiB result saved by <c>Save-SeedanceVideo</c> and by <c>Invoke-WebRequest -OutFile</c>, each in a fresh pwsh, interleaved.</summary>
        private static async Task<SummaryRow> DownloadAsync(RealShell shell)
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { VideoSize = DownloadSize, ProcessingTime = TimeSpan.FromMilliseconds(100) });
            var client = new SeedanceClient(new SeedanceClientOptions
            {
                BaseUri = sandbox.BaseUri,
                ApiKey = new NetworkCredential(string.Empty, sandbox.Options.ApiKey).SecurePassword,
            });
            SeedanceTask? done = null;
            await new TaskWaiter(client).WaitAsync(new[] { await client.SubmitAsync(new VideoRequest { Prompt = "a 256 MiB clip" }) }, null, o => done = o.Task);
            var id = done!.Id;
            var ways = new[] { "Module", "InvokeWebRequest" };
            var results = ways.ToDictionary(w => w, _ => new List<(double Seconds, double PeakMiB, double GrowthMiB)>());
            Console.WriteLine();
            Console.WriteLine("P7. A 256 MiB result from the sandbox on loopback, each way in a fresh pwsh (the module imported in both), written to the same disk.");
            Console.WriteLine();
            Console.WriteLine("| way | time (s) | MiB/s | peak working set (MiB) | growth during the download (MiB) |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            for (var round = 0; round < 3; round++)
            {
                foreach (var way in round % 2 == 0 ? ways : ways.Reverse())
                {
                    var file = Path.Combine(shell.Home, "download-" + way + ".mp4");
                    var run = await shell.RunScriptAsync(
                        "Download.ps1",
                        new Dictionary<string, string?>
                        {
                            ["Way"] = way,
                            ["ModuleManifest"] = BenchPaths.ModuleManifest,
                            ["BaseUri"] = sandbox.BaseUri.AbsoluteUri,
                            ["Key"] = sandbox.Options.ApiKey,
                            ["TaskId"] = id,
                            ["OutFile"] = file,
                        },
                        TimeSpan.FromMinutes(5));
                    if (new FileInfo(file).Length != DownloadSize)
                    {
                        throw new InvalidOperationException($"{way} saved {new FileInfo(file).Length} bytes, not {DownloadSize}.");
                    }

                    File.Delete(file);
                    using var json = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]);
                    var root = json.RootElement;
                    var seconds = root.GetProperty("seconds").GetDouble();
                    var before = root.GetProperty("peakBefore").GetDouble() / (1024 * 1024);
                    var after = root.GetProperty("peakAfter").GetDouble() / (1024 * 1024);
                    results[way].Add((seconds, after, after - before));
                    Console.WriteLine($"| {(way == "Module" ? "`Save-SeedanceVideo`" : "`Invoke-WebRequest -OutFile`")} | {Stats.F(seconds, "0.00")} | {Stats.F(DownloadSize / (1024.0 * 1024) / seconds, "0")} | {Stats.F(after, "0")} | {Stats.F(after - before, "0")} |");
                }
            }

            var ours = Stats.Median(results["Module"].Select(r => r.Seconds));
            var theirs = Stats.Median(results["InvokeWebRequest"].Select(r => r.Seconds));
            var ourGrowth = Stats.Median(results["Module"].Select(r => r.GrowthMiB));
            var theirGrowth = Stats.Median(results["InvokeWebRequest"].Select(r => r.GrowthMiB));
            return new SummaryRow(
                "P7. 256 MiB download in pwsh (median of 3 fresh processes each)",
                $"`Save-SeedanceVideo` {Stats.F(ours, "0.00")} s, peak working set +{Stats.F(ourGrowth, "0")} MiB",
                $"`Invoke-WebRequest -OutFile` {Stats.F(theirs, "0.00")} s, +{Stats.F(theirGrowth, "0")} MiB",
                Stats.F(ours / theirs, "0.00") + "x",
                "<= 1.1x, flat memory",
                ours <= 1.1 * theirs && ourGrowth <= 64);
        }

        private static Task<SandboxHost> AccountSandboxAsync() => SandboxHost.StartAsync(new SandboxOptions
        {
            RateLimitRequests = Limit,
            RateLimitWindow = TimeSpan.FromSeconds(WindowSeconds),
            InitialCredits = 1_000_000_000m,
        });

        /// <summary>Render times of 20–60 s, seeded.</summary>
        private static double[] Renders(int count, int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, count).Select(_ => Math.Round(20 + (40 * random.NextDouble()), 1)).ToArray();
        }

        /// <summary>From the sandbox's log: first submit to the last byte of the last download, the bound, requests and 429s.</summary>
        private static BatchResult Measure(SandboxHost sandbox, int count, int saved)
        {
            if (saved != count)
            {
                throw new InvalidOperationException($"{saved} of {count} videos were saved.");
            }

            var log = sandbox.RequestLog;
            var charges = sandbox.Account(sandbox.Options.ApiKey).Charges;
            var started = log.First(r => r.Method == "POST").At;
            var ended = log.Where(r => r.Path.StartsWith("/results/", StringComparison.Ordinal)).Max(r => r.At + r.Duration);
            var finishes = charges.Select(c => c.At + TimeSpan.FromSeconds(Takes(c.Prompt)) - started).Max();
            var rate = TimeSpan.FromSeconds(WindowSeconds * (((2 * count) - 1) / Limit));
            var bound = finishes > rate ? finishes : rate;
            var api = log.Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();
            var wall = ended - started;
            return new BatchResult(wall.TotalSeconds, bound.TotalSeconds, wall / bound, api.Count / (double)count, api.Count(r => r.Status == 429));
        }

        private static double Takes(string prompt)
        {
            var from = prompt.IndexOf("[takes:", StringComparison.Ordinal) + "[takes:".Length;
            return double.Parse(prompt[from..prompt.IndexOf(']', from)], CultureInfo.InvariantCulture);
        }

        private static void PrintBatch(string way, BatchResult r) => Console.WriteLine(
            $"| {way} | {Stats.F(r.Wall, "0.0")} | {Stats.F(r.Bound, "0.0")} | {Stats.F(r.Ratio, "0.000")} | {Stats.F(r.RequestsPerTask, "0.00")} | {r.RateLimited} |");

        private sealed record BatchResult(double Wall, double Bound, double Ratio, double RequestsPerTask, int RateLimited);
    }
}
