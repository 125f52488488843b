using System;
using System.Linq;
using System.Threading.Tasks;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>
    /// Request traces reach -Verbose and -Debug exactly when PowerShell would show them: the call's switch wins, else the
    /// session's preference decides (traces nobody will see are not even formatted).
    /// </summary>
    public sealed class TraceVisibilityTests
    {
        public static TheoryData<string, bool, bool> Cases => new()
        {
            { string.Empty, false, false },
            { "$VerbosePreference = 'Continue'; ", true, false },
            { "$DebugPreference = 'Continue'; ", false, true },
            { "$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; ", true, true },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task Traces_follow_the_session_preference_when_the_call_gives_no_switch(string preferences, bool verbose, bool debug)
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            using var session = SeedanceSessions.Open(sandbox);

            var result = session.Run(preferences + "New-SeedanceVideo 'a fox in snow' -ApiKey $Key", SeedanceSessions.KeyVariable()).ShouldSucceed();

            Assert.Single(result.Output);
            Assert.Equal(verbose, result.Verbose.Any(v => v.Message.Contains("POST /api/v1/video/seedance2 -> 202", StringComparison.Ordinal)));
            Assert.Equal(debug, result.Debug.Any(d => d.Message.Contains("{\"prompt\":\"a fox in snow\"}", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task The_calls_own_switches_override_the_session_preference()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            using var session = SeedanceSessions.Open(sandbox);

            var result = session.Run(
                "$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; New-SeedanceVideo 'a fox in snow' -ApiKey $Key -Verbose:$false -Debug:$false",
                SeedanceSessions.KeyVariable()).ShouldSucceed();

            Assert.Single(result.Output);
            Assert.DoesNotContain(result.Verbose, v => v.Message.Contains("/api/v1/video/seedance2", StringComparison.Ordinal));
            Assert.DoesNotContain(result.Debug, d => d.Message.Contains("a fox in snow", StringComparison.Ordinal));
        }
    }
}
