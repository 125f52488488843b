using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>
    /// On Ctrl+C or a timeout, a warning names the tasks still pending and the command that picks them up again;
    /// -Verbose shows each id as it is submitted.
    /// </summary>
    public sealed class WaitStopWarningTests : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("seedance-stop-").FullName;

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact]
        public async Task Timeout_warns_with_the_pending_ids_and_the_command_that_picks_them_up_again()
        {
            await using var sandbox = await SandboxHost.StartAsync(WaitSeedanceTaskTests.ScaledOptions());
            using var session = new PowerShellSession();

            var result = session.Run(
                WaitSeedanceTaskTests.Configure + "$tasks = 'one slow [takes:3600]', 'a quick one [takes:0.2]', 'two slow [takes:3600]' | New-SeedanceVideo -ApiKey $Key; $tasks | Wait-SeedanceTask -Timeout 2 -ApiKey $Key; $tasks.Id",
                WaitSeedanceTaskTests.Variables(sandbox, _folder));

            var ids = result.Output.Where(o => o.BaseObject is string).Select(o => (string)o.BaseObject).ToArray();
            var warning = Assert.Single(result.Warnings).Message;
            Assert.Contains($"Get-SeedanceTask -Id '{ids[0]}', '{ids[2]}' | Wait-SeedanceTask", warning, StringComparison.Ordinal);
            Assert.DoesNotContain(ids[1], warning, StringComparison.Ordinal);
            Assert.StartsWith("2 tasks did not finish within 2 s", warning, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Timeout_of_New_SeedanceVideo_OutFile_names_Save_SeedanceVideo_with_the_file()
        {
            await using var sandbox = await SandboxHost.StartAsync(WaitSeedanceTaskTests.ScaledOptions());
            using var session = new PowerShellSession();
            var variables = WaitSeedanceTaskTests.Variables(sandbox, _folder);
            variables["File"] = Path.Combine(_folder, "fox's clip.mp4");

            var result = session.Run(WaitSeedanceTaskTests.Configure + "New-SeedanceVideo 'a slow fox [takes:3600]' -OutFile $File -Timeout 1 -ApiKey $Key", variables);

            var id = sandbox.RequestLog.First(r => r.Method == "GET").Path["/api/v1/tasks/".Length..];
            var warning = Assert.Single(result.Warnings).Message;
            Assert.EndsWith($"Get-SeedanceTask -Id '{id}' | Wait-SeedanceTask | Save-SeedanceVideo -Path '{Path.Combine(_folder, "fox''s clip.mp4")}'", warning, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Ctrl_C_warns_on_the_host_with_the_pending_ids_and_the_command()
        {
            await using var sandbox = await SandboxHost.StartAsync(WaitSeedanceTaskTests.ScaledOptions(TimeSpan.FromHours(1)));
            var host = new RecordingHost(width: 300);
            using var session = new PowerShellSession(host);

            var result = await session.RunAsync(
                WaitSeedanceTaskTests.Configure + "'a long one', 'another long one' | New-SeedanceVideo -ApiKey $Key -Wait -OutputPath $Dir",
                WaitSeedanceTaskTests.Variables(sandbox, _folder),
                shell => shell.Streams.Progress.DataAdded += (_, _) => shell.BeginStop(null, null));

            Assert.Empty(result.Output);
            var ids = sandbox.RequestLog.Where(r => r.Method == "GET").Select(r => r.Path["/api/v1/tasks/".Length..]).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
            var warning = Assert.Single(host.Lines, line => line.StartsWith("WARNING: ", StringComparison.Ordinal));
            Assert.Contains("Stopped waiting for 2 tasks", warning, StringComparison.Ordinal);
            Assert.Contains("| Wait-SeedanceTask | Save-SeedanceVideo -Path '" + _folder + "'", warning, StringComparison.Ordinal);
            Assert.All(sandbox.Account(SeedanceSessions.TestKey).Charges, charge => Assert.Contains($"'{charge.TaskId}'", warning, StringComparison.Ordinal));
        }

        [Fact]
        public async Task Verbose_shows_each_id_as_submitted()
        {
            await using var sandbox = await SandboxHost.StartAsync(WaitSeedanceTaskTests.ScaledOptions());
            using var session = new PowerShellSession();

            var result = session.Run(WaitSeedanceTaskTests.Configure + "'a red fox trots', 'a grey owl blinks' | New-SeedanceVideo -Wait -ApiKey $Key -Verbose", WaitSeedanceTaskTests.Variables(sandbox, _folder)).ShouldSucceed();

            Assert.All(sandbox.Account(SeedanceSessions.TestKey).Charges, charge =>
                Assert.Contains(result.Verbose, v => v.Message.StartsWith($"Submitted task {charge.TaskId}", StringComparison.Ordinal)));
        }
    }
}
