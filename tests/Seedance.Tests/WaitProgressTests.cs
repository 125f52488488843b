using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>The waiting bar: the share done as a percentage, the tasks in flight, and an expected finish.</summary>
    public sealed class WaitProgressTests : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("seedance-progress-").FullName;

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact]
        public async Task Progress_shows_the_share_done_the_tasks_in_flight_and_an_expected_finish()
        {
            await using var sandbox = await SandboxHost.StartAsync(WaitSeedanceTaskTests.ScaledOptions());
            using var session = new PowerShellSession();

            // The first wait teaches the render times; the second shows them.
            var result = session.Run(
                WaitSeedanceTaskTests.Configure + """
                $null = 'a first lesson', 'a second lesson' | New-SeedanceVideo -ApiKey $Key | Wait-SeedanceTask -ApiKey $Key
                'a quick fox [takes:0.3]', 'a slow owl in the snow [takes:3]', 'another slow owl [takes:3]', 'a third slow owl [takes:3]' | New-SeedanceVideo -ApiKey $Key | Wait-SeedanceTask -ApiKey $Key
                """,
                WaitSeedanceTaskTests.Variables(sandbox, _folder)).ShouldSucceed();

            Assert.Equal(4, result.Output.Count);
            var quarter = result.Progress.Where(p => p.ActivityId == 1 && p.RecordType == ProgressRecordType.Processing && p.StatusDescription.StartsWith("1 of 4 done (25%)", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(quarter);
            Assert.All(quarter, p => Assert.Equal(25, p.PercentComplete));
            Assert.Contains(quarter, p => System.Text.RegularExpressions.Regex.IsMatch(p.StatusDescription, @"^1 of 4 done \(25%\); (about \d+ s left|done any moment now); rendering sd2_\w+ 'a slow owl in the snow"));
        }
    }
}
