using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace Seedance.Benchmarks.Tests
{
    /// <summary>
    /// The benchmark harness starts, prints its import rows (hosted and real pwsh), and its soak on a few submissions ends
    /// by itself and prints every check.
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
        public async Task Soak_of_three_submissions_ends_by_itself_prints_every_check_and_accounts_for_every_charge()
        {
            var (exitCode, output, errors) = await RunAsync("soak", "--count", "3", "--no-write");

            // Checks that wait on other areas' fixes may still fail; these hold whatever the client does.
            Assert.True(exitCode is 0 or 1, output + errors);
            Assert.Contains("| submissions / tasks returned by New-SeedanceVideo | 3 / 3 | |", output, StringComparison.Ordinal);
            Assert.Matches(new Regex(@"^\| charges for tasks nobody got, after recovery \| 0 of [0-9]+ \| yes \|\r?$", RegexOptions.Multiline), output);
            Assert.Matches(new Regex(@"^\| charged tasks saved with the right SHA-256, after recovery \| ([0-9]+) of \1 \| yes \|\r?$", RegexOptions.Multiline), output);
            foreach (var check in new[] { "jobs charged more than once", "refused submissions resent and charged", "requests that reached the other host", "stalled downloads not given up", "error records that show a key", "429 with Retry-After 100000" })
            {
                Assert.Matches(new Regex(@"^\| " + Regex.Escape(check) + @".* \| (yes|\*\*no\*\*) \|\r?$", RegexOptions.Multiline), output);
            }

            Assert.Matches(new Regex(@"^\| \*\*soak\*\* \| \*\*(passed|FAILED)\*\* \| \|\r?$", RegexOptions.Multiline), output);
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
