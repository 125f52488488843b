using System;
using System.Linq;
using System.Threading.Tasks;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>
    /// When PowerShell stops a command (a downstream command throws out of its WriteObject, Ctrl+C, Dispose), the work
    /// in flight is cancelled at once: a finished pipeline sends no more requests.
    /// </summary>
    public sealed class PipelineStopTests
    {
        // Long enough for a waiter still alive to poll the slow tasks again (cold: at ages 1, 1.5, 2.3, 3.4 s).
        private static readonly TimeSpan Watch = TimeSpan.FromSeconds(4);

        [Fact]
        public async Task A_downstream_command_that_throws_stops_the_waiters_polling_at_once()
        {
            await using var sandbox = await SandboxHost.StartAsync(WaitSeedanceTaskTests.ScaledOptions());
            using var session = new PowerShellSession();

            var result = session.Run(
                WaitSeedanceTaskTests.Configure + """
                $tasks = 'a quick clip [takes:0.3]', 'a slow clip [takes:3600]', 'another slow clip [takes:3600]' | New-SeedanceVideo -ApiKey $Key
                $tasks | Wait-SeedanceTask -ApiKey $Key | ForEach-Object { throw "enough with $($_.Id)" }
                """,
                WaitSeedanceTaskTests.Variables(sandbox, System.IO.Path.GetTempPath()));

            Assert.Contains("enough with", result.Terminating?.Message ?? string.Empty, StringComparison.Ordinal);
            var polls = sandbox.RequestLog.Count(r => r.Method == "GET");
            await Task.Delay(Watch);
            Assert.Equal(polls, sandbox.RequestLog.Count(r => r.Method == "GET"));
        }

        [Fact]
        public void Dispose_cancels_the_work_before_it_releases_the_token()
        {
            using var session = new PowerShellSession();

            var result = session.Run(
                """
                $type = (Get-Command Wait-SeedanceTask).ImplementingType
                $command = $type::new()
                $template = $type; while ($template.Name -ne 'SeedanceCmdlet') { $template = $template.BaseType }
                $token = $template.GetField('_stopping', [System.Reflection.BindingFlags]'Instance, NonPublic').GetValue($command).Token
                $command.Dispose()
                $token.IsCancellationRequested
                """).ShouldSucceed();

            Assert.Equal(true, Assert.Single(result.Output).BaseObject);
        }
    }
}
