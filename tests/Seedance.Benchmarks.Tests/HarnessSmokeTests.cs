using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace Seedance.Benchmarks.Tests
{
    /// <summary>
    /// The benchmark harness starts, prints its import rows (hosted and real pwsh), and its soak on a few submissions under
    /// many faults passes every check.
    /// </summary>
    public sealed class HarnessSmokeTests
    {
        [Fact]
        public async Task Import_row_with_one_run_prints_a_summary_line_with_a_ratio()
        {
            var (exitCode, output, errors) = await RunAsync("import", "--runs", "1", "--no-write");

            Assert.True(exitCode == 0, errors);
            Assert.Matches(
                new Regex(@"^\| 1\. Import-Module in a fresh runspace \(median of 1\) \| [0-9.]+ ms .*\| [0-9.]+x \| <= 1\.5x \| (yes|\*\*no\*\*) \|\r?$", RegexOptions.Multiline),
                output);
        }

        [Fact]
        public async Task Soak_of_a_few_submissions_under_many_faults_passes_every_check()
        {
            // A quarter of the requests faulted, so the few submissions meet the fault kinds the full soak draws at 5%.
            var (exitCode, output, errors) = await RunAsync("soak", "--count", "8", "--fault-percent", "25", "--no-write");

            var verdicts = Regex.Matches(output, @"^\| [^|]+ \| [^|]* \| (yes|\*\*no\*\*) \|\r?$", RegexOptions.Multiline).Select(m => m.Value.TrimEnd()).ToList();
            Assert.Equal(13, verdicts.Count);
            Assert.All(verdicts, verdict => Assert.EndsWith("| yes |", verdict, StringComparison.Ordinal));
            Assert.Matches(new Regex(@"^\| faults injected at random \| [1-9][0-9]*: ", RegexOptions.Multiline), output);
            Assert.Contains("| submissions / tasks returned by New-SeedanceVideo | 8 / ", output, StringComparison.Ordinal);
            Assert.Contains("| **soak** | **passed** | |", output, StringComparison.Ordinal);
            Assert.True(exitCode == 0, output + errors);
        }

        [Fact]
        public async Task Real_pwsh_import_row_with_one_round_prints_its_delta_over_an_empty_pwsh()
        {
            var (exitCode, output, errors) = await RunAsync("pwsh-import", "--shell-runs", "1", "--no-write");

            Assert.True(exitCode == 0, output + errors);
            Assert.Matches(
                new Regex(@"^\| P1\. Import in a fresh `pwsh -NoProfile` \(median of 1 interleaved rounds\) \| \+-?[0-9]+ ms over `pwsh -c 1` .*\| <= \+100 ms \| (yes|\*\*no\*\*) \|\r?$", RegexOptions.Multiline),
                output);
        }

        private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Seedance.Benchmarks.dll"));
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
            return (process.ExitCode, await output, await errors);
        }
    }
}
