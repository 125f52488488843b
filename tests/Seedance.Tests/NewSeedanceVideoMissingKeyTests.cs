using System;
using System.Management.Automation;
using System.Threading.Tasks;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>No key anywhere: the cmdlets stop at once (terminating) and send nothing, but -WhatIf still shows the body.</summary>
    [Collection("Environment")]
    public sealed class NewSeedanceVideoMissingKeyTests
    {
        [Theory]
        [InlineData("'a fox in snow', 'a fox in rain' | New-SeedanceVideo")]
        [InlineData("'sd2_a', 'sd2_b' | Get-SeedanceTask")]
        public async Task Missing_key_is_terminating_and_sends_nothing(string script)
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = SeedanceSessions.Open(sandbox);

            // try/catch catches terminating errors only; a non-terminating one would let the second input run.
            var result = session.Run("try { " + script + " } catch { $_; 'caught' }");

            Assert.Equal(2, result.Output.Count);
            Assert.Equal("caught", result.Output[1].ToString());
            var error = Assert.IsType<ErrorRecord>(result.Output[0].BaseObject);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains("SEEDANCE_API_KEY", error.ToString(), StringComparison.Ordinal);
            Assert.Empty(result.Errors);
            Assert.Empty(sandbox.RequestLog);
        }

        [Fact]
        public async Task WhatIf_needs_no_key()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            var host = new RecordingHost();
            using var session = SeedanceSessions.Open(sandbox, host: host);

            session.Run("New-SeedanceVideo 'a fox in snow' -WhatIf").ShouldSucceed();

            Assert.Contains(host.Lines, l => l.EndsWith("body: {\"prompt\":\"a fox in snow\"}", StringComparison.Ordinal));
            Assert.Empty(sandbox.RequestLog);
        }
    }
}
