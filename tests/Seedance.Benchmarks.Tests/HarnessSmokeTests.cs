using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace Seedance.Benchmarks.Tests
{
    /// <summary>The benchmark harness starts, imports both modules in fresh runspaces and prints its table row.</summary>
    public sealed class HarnessSmokeTests
    {
        [Fact]
        public async Task Import_row_with_one_run_prints_a_summary_line_with_a_ratio()
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Seedance.Benchmarks.dll"), "import", "--runs", "1", "--no-write" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));

            Assert.True(process.ExitCode == 0, await errors);
            Assert.Matches(
                new Regex(@"^\| 1\. Import-Module in a fresh runspace \(median of 1\) \| [0-9.]+ ms .*\| [0-9.]+x \| <= 1\.5x \| (yes|\*\*no\*\*) \|\r?$", RegexOptions.Multiline),
                await output);
        }
    }
}
