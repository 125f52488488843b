using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace Seedance.Benchmarks.Tests
{
    /// <summary>The benchmark harness starts, prints its import row, and its soak's own checks pass on a few submissions.</summary>
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
        public async Task Soak_of_three_submissions_accounts_for_every_task_charge_and_file()
        {
            var (exitCode, output, errors) = await RunAsync("soak", "--count", "3", "--no-write");

            Assert.True(exitCode == 0, output + errors);
            Assert.Contains("| tasks returned by New-SeedanceVideo | 3 |", output, StringComparison.Ordinal);
            Assert.Contains("| completed tasks / saved with the right SHA-256 | 3 / 3 |", output, StringComparison.Ordinal);
            Assert.Contains("| **soak** | **passed** |", output, StringComparison.Ordinal);
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
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            return (process.ExitCode, await output, await errors);
        }
    }
}
