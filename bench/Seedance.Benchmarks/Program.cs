using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace Seedance.Benchmarks
{
    /// <summary>
    /// <c>all</c>: every row side by side in one run, the summary table printed and written to docs/performance.md;
    /// <c>soak</c>: the fault soak, its figures written there too. <c>import</c>, <c>calls</c>, <c>memory</c>,
    /// <c>batch</c>, <c>download</c>, <c>journal</c>: one hosted part; <c>pwsh</c>: the real-pwsh rows;
    /// <c>pwsh-import</c>: their import row alone. Options: <c>--runs N</c> (imports), <c>--calls N</c>,
    /// <c>--rounds N</c>, <c>--shell-runs N</c>, <c>--shell-calls N</c>, <c>--shell-rounds N</c> (real pwsh),
    /// <c>--count N</c> and <c>--fault-percent N</c> (soak), <c>--submissions N</c> (journal), <c>--no-write</c> (print only).
    /// </summary>
    internal static class Program
    {
        private const string Usage = "usage: Seedance.Benchmarks all|pwsh|pwsh-import|import|calls|memory|batch|download|journal|soak [--runs N] [--calls N] [--rounds N] [--shell-runs N] [--shell-calls N] [--shell-rounds N] [--count N] [--fault-percent N] [--submissions N] [--no-write]";

        private static async Task<int> Main(string[] args)
        {
            var what = args.Length > 0 ? args[0] : "all";
            var options = Options(args.Skip(1).ToList());
            if (options is null)
            {
                Console.Error.WriteLine(Usage);
                return 2;
            }

            var console = Console.Out;
            using var tee = new TeeWriter(console);
            Console.SetOut(tee);
            var clock = Stopwatch.StartNew();
            Console.WriteLine(PerformanceReport.Machine());
            Console.WriteLine();
            var exit = 0;
            var rows = new List<SummaryRow>();
            var runs = Get(options, "runs", 15);
            switch (what)
            {
                case "all":
                    Console.WriteLine("### Real pwsh (P rows)");
                    Console.WriteLine();
                    rows.AddRange(await ShellBenchmark.RunAsync(Get(options, "shell-runs", 10), Get(options, "shell-calls", 200), Get(options, "shell-rounds", 5)));
                    Console.WriteLine();
                    Console.WriteLine("### Hosted engine (rows 1–7)");
                    Console.WriteLine();
                    rows.Add(ImportBenchmark.Run(runs));
                    rows.AddRange(await CallBenchmark.RunAsync(Get(options, "calls", 1000), Get(options, "rounds", 5)));
                    rows.Add(await MemoryBenchmark.RunAsync(10, 1000));
                    Console.WriteLine();
                    Console.WriteLine("### 4. Batch makespan and requests per task");
                    Console.WriteLine();
                    await BatchBenchmark.RunAsync();
                    Console.WriteLine();
                    Console.WriteLine("### 5. Download throughput and peak memory");
                    Console.WriteLine();
                    await DownloadBenchmark.RunAsync();
                    Console.WriteLine();
                    Console.WriteLine("### 7. Reading a long journal");
                    Console.WriteLine();
                    JournalBenchmark.Run(Get(options, "submissions", 5000));
                    break;
                case "pwsh":
                    rows.AddRange(await ShellBenchmark.RunAsync(Get(options, "shell-runs", 10), Get(options, "shell-calls", 200), Get(options, "shell-rounds", 5)));
                    break;
                case "pwsh-import":
                    rows.Add(await ShellBenchmark.ImportOnlyAsync(Get(options, "shell-runs", 10)));
                    break;
                case "import":
                    rows.Add(ImportBenchmark.Run(runs));
                    break;
                case "calls":
                    rows.AddRange(await CallBenchmark.RunAsync(Get(options, "calls", 1000), Get(options, "rounds", 5)));
                    break;
                case "memory":
                    rows.Add(await MemoryBenchmark.RunAsync(10, 1000));
                    break;
                case "batch":
                    await BatchBenchmark.RunAsync();
                    break;
                case "download":
                    await DownloadBenchmark.RunAsync();
                    break;
                case "journal":
                    JournalBenchmark.Run(Get(options, "submissions", 5000));
                    break;
                case "soak":
                    exit = await SoakBenchmark.RunAsync(Get(options, "count", 500), Get(options, "fault-percent", 5)) ? 0 : 1;
                    break;
                default:
                    Console.SetOut(console);
                    Console.Error.WriteLine(Usage);
                    return 2;
            }

            var summary = Summary(rows);
            Console.WriteLine();
            Console.WriteLine($"Finished in {clock.Elapsed.TotalSeconds:0} s; load average at the end {Stats.Load()}.");
            Console.SetOut(console);
            Console.WriteLine();
            Console.WriteLine(summary);
            if (!options.ContainsKey("no-write") && what is "all" or "soak")
            {
                PerformanceReport.Write(what, "### Summary\n\n" + (what == "all" ? summary + "\n\n### Details\n\n" : string.Empty) + tee.Text);
            }

            return exit;
        }

        private static string Summary(List<SummaryRow> rows) => rows.Count == 0
            ? string.Empty
            : "| measure | Seedance | baseline (same run) | ratio | target | met |\n|---|---|---|---:|---|---|\n"
                + string.Join("\n", rows.Select(r => r.ToMarkdown()));

        private static Dictionary<string, string>? Options(List<string> args)
        {
            var options = new Dictionary<string, string>();
            for (var i = 0; i < args.Count; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    return null;
                }

                var name = args[i][2..];
                if (name == "no-write")
                {
                    options[name] = string.Empty;
                }
                else if (i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    options[name] = args[++i];
                }
                else
                {
                    return null;
                }
            }

            return options;
        }

        private static int Get(Dictionary<string, string> options, string name, int fallback) =>
            options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
    }
}
