using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests.Keys
{
    /// <summary>
    /// Which key a call uses, proven at a sandbox whose account key is <see cref="Right"/>: a call with it gets
    /// 404 not_found for a task that does not exist, a call with any other key gets 401 unauthorized.
    /// </summary>
    [Collection("Environment")]
    public sealed class ApiKeyResolutionTests
    {
        private const string Right = "sk_test_resolution_right_0123456789";
        private const string Wrong = "sk_test_resolution_wrong_0123456789";
        private const string Probe = "Get-SeedanceTask -Id sd2_no_such_task";

        public static IEnumerable<object[]> Layers() =>
            from winner in new[] { "Parameter", "Session", "Environment", "Vault" }
            from winnerKey in new[] { Right, Wrong }
            select new object[] { winner, winnerKey };

        [Theory]
        [MemberData(nameof(Layers))]
        public async Task Each_key_source_beats_every_source_after_it(string winner, string winnerKey)
        {
            var loserKey = winnerKey == Right ? Wrong : Right;
            var order = new[] { "Parameter", "Session", "Environment", "Vault" };
            var keyOf = order.ToDictionary(layer => layer, layer => Array.IndexOf(order, layer) < Array.IndexOf(order, winner) ? null : layer == winner ? winnerKey : loserKey);
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = Right });
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", keyOf["Environment"]);
            using var session = ConfiguredSession(sandbox);
            if (keyOf["Vault"] is { } vaultKey)
            {
                session.Run("Set-SeedanceApiKey -ApiKey $Key", SeedanceSessions.KeyVariable(vaultKey)).ShouldSucceed();
            }

            if (keyOf["Session"] is { } sessionKey)
            {
                session.Run("Set-SeedanceApiKey -ApiKey $Key -SessionOnly", SeedanceSessions.KeyVariable(sessionKey)).ShouldSucceed();
            }

            var script = keyOf["Parameter"] is null ? Probe : Probe + " -ApiKey $Key";
            var result = session.Run(script, SeedanceSessions.KeyVariable(keyOf["Parameter"] ?? Wrong));

            Assert.Equal(winnerKey == Right ? "Seedance.not_found" : "Seedance.unauthorized", SingleErrorCode(result));
        }

        [Fact]
        public async Task A_changed_SEEDANCE_API_KEY_is_used_from_the_next_call_on()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = Right });
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", Right);
            using var session = ConfiguredSession(sandbox);

            Assert.Equal("Seedance.not_found", SingleErrorCode(session.Run(Probe)));
            Environment.SetEnvironmentVariable("SEEDANCE_API_KEY", Wrong);
            Assert.Equal("Seedance.unauthorized", SingleErrorCode(session.Run(Probe)));
            Environment.SetEnvironmentVariable("SEEDANCE_API_KEY", Right);
            Assert.Equal("Seedance.not_found", SingleErrorCode(session.Run(Probe)));
        }

        [Fact]
        public async Task Key_stored_by_one_session_is_used_by_a_new_session_in_the_same_process()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = Right });
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using (var first = ConfiguredSession(sandbox))
            {
                first.Run("Set-SeedanceApiKey -ApiKey $Key -Validate", SeedanceSessions.KeyVariable(Right)).ShouldSucceed();
            }

            using var second = new PowerShellSession();
            TestVault.Import(second);
            second.Run("Set-SeedanceConfiguration -BaseUri $Uri", new Dictionary<string, object?> { ["Uri"] = sandbox.BaseUri }).ShouldSucceed();

            Assert.Equal("Seedance.not_found", SingleErrorCode(second.Run(Probe)));
            second.Run("Set-SeedanceApiKey -ApiKey $Key", SeedanceSessions.KeyVariable(Wrong)).ShouldSucceed();
            Assert.Equal("Seedance.unauthorized", SingleErrorCode(second.Run(Probe)));
            second.Run("Remove-SeedanceApiKey -Confirm:$false").ShouldSucceed();
            Assert.Equal("Seedance.ApiKeyNotFound", SingleErrorCode(second.Run(Probe)));
        }

        [Fact]
        public async Task Secret_name_and_vault_come_from_the_session_configuration_and_plain_string_secrets_work()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = Right });
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = ConfiguredSession(sandbox);
            session.Run("Register-SecretVault -Name Ci -ModuleName TestStore; Set-Secret -Name Seedance -Secret $Wrong; Set-Secret -Name SeedanceCi -Vault Ci -Secret $Right",
                new Dictionary<string, object?> { ["Wrong"] = Wrong, ["Right"] = Right }).ShouldSucceed();

            Assert.Equal("Seedance.unauthorized", SingleErrorCode(session.Run(Probe)));
            session.Run("Set-SeedanceConfiguration -SecretName SeedanceCi -SecretVault Ci").ShouldSucceed();
            Assert.Equal("Seedance.not_found", SingleErrorCode(session.Run(Probe)));
        }

        [Fact]
        public async Task Validate_stores_a_key_the_API_accepts_and_refuses_one_it_rejects_storing_nothing()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = Right });
            using var session = ConfiguredSession(sandbox);

            var refused = session.Run("Set-SeedanceApiKey -ApiKey $Key -Validate", SeedanceSessions.KeyVariable(Wrong));
            var error = Assert.Single(refused.Errors);
            Assert.StartsWith("Seedance.unauthorized", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Empty(session.Run("Get-SecretInfo").ShouldSucceed().Output);

            session.Run("Set-SeedanceApiKey -ApiKey $Key -Validate -SessionOnly", SeedanceSessions.KeyVariable(Right)).ShouldSucceed();
            Assert.Equal(new[] { 401, 404 }, sandbox.RequestLog.Select(r => r.Status));
        }

        [Fact]
        public async Task Missing_SecretManagement_gives_one_clear_error_naming_every_source()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = Right });
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = new PowerShellSession();
            session.Run("Set-SeedanceConfiguration -BaseUri $Uri", new Dictionary<string, object?> { ["Uri"] = sandbox.BaseUri }).ShouldSucceed();

            var message = AssertKeyNotFound(session.Run("'sd2_a', 'sd2_b' | " + Probe.Replace(" -Id sd2_no_such_task", string.Empty, StringComparison.Ordinal)), sandbox);

            Assert.Contains("Microsoft.PowerShell.SecretManagement is not installed", message, StringComparison.Ordinal);
            Assert.Contains("Install-Module Microsoft.PowerShell.SecretManagement", message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Missing_secret_gives_one_clear_error_naming_every_source()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = Right });
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = ConfiguredSession(sandbox);

            var message = AssertKeyNotFound(session.Run(Probe), sandbox);

            Assert.Contains("the SecretManagement secret 'Seedance' in the default vault: no such secret", message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task No_vault_registered_gives_the_no_key_error_that_says_so_without_SecretManagement_warnings()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = Right });
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = new PowerShellSession();
            TestVault.Import(session);
            session.Run("Clear-TestSecretStore; Set-SeedanceConfiguration -BaseUri $Uri", new Dictionary<string, object?> { ["Uri"] = sandbox.BaseUri }).ShouldSucceed();

            var result = session.Run(Probe);

            var message = AssertKeyNotFound(result, sandbox);
            Assert.Contains("the SecretManagement secret 'Seedance' in the default vault: no vault is registered", message, StringComparison.Ordinal);
            Assert.Contains("Register-SecretVault -Name SecretStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault", message, StringComparison.Ordinal);
            Assert.Empty(result.Warnings);
        }

        [Fact]
        public async Task A_secret_vault_that_is_not_registered_gives_the_no_key_error_that_says_so()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = Right });
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = ConfiguredSession(sandbox);
            session.Run("Set-SeedanceConfiguration -SecretVault Elsewhere").ShouldSucceed();

            var message = AssertKeyNotFound(session.Run(Probe), sandbox);

            Assert.Contains("in the vault 'Elsewhere': no vault of that name is registered (registered: TestStore)", message, StringComparison.Ordinal);
            Assert.Contains("Set-SeedanceConfiguration -SecretVault", message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("@{ Locked = $true; Interaction = 'Prompt'; Password = 'pw' }")]
        [InlineData("@{ Locked = $true; Interaction = 'None'; Password = 'pw' }")]
        public async Task Locked_vault_in_a_non_interactive_session_gives_a_clear_error_at_once(string vaultParameters)
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = Right });
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = ConfiguredSession(sandbox, vaultParameters);

            var message = AssertKeyNotFound(await session.RunAsync(Probe).WaitAsync(TimeSpan.FromSeconds(60)), sandbox);

            Assert.Contains("the vault is locked and this session could not prompt for its password", message, StringComparison.Ordinal);
            Assert.Contains("Unlock-SecretStore", message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Locked_vault_never_reaches_a_host_whose_prompts_would_hang()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = Right });
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var host = TestPromptHost.NeverAnswering("Default Host");
            using var session = new PowerShellSession(host: host);
            TestVault.ImportEmpty(session, parameters: "@{ Locked = $true; Interaction = 'Prompt'; Password = 'pw' }");
            session.Run("Set-SeedanceConfiguration -BaseUri $Uri", new Dictionary<string, object?> { ["Uri"] = sandbox.BaseUri }).ShouldSucceed();

            var result = await session.RunAsync(Probe).WaitAsync(TimeSpan.FromSeconds(60));

            AssertKeyNotFound(result, sandbox);
            Assert.Equal(0, host.PromptsReceived);

            // The vault's "Enter password:" would introduce a prompt nobody can answer: it is not shown either.
            Assert.Empty(host.Written);
        }

        [Theory]
        [InlineData("[pscredential]::new('user', $Key)", "PSCredential")]
        [InlineData("@{ ApiKey = 'sk_test_in_a_table' }", "Hashtable")]
        public async Task Secret_of_the_wrong_kind_gives_a_clear_error(string secret, string kind)
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = Right });
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = ConfiguredSession(sandbox);
            session.Run($"Set-Secret -Name Seedance -Secret ({secret})", SeedanceSessions.KeyVariable(Right)).ShouldSucceed();

            var message = AssertKeyNotFound(session.Run(Probe), sandbox);

            Assert.Contains($"the secret is a {kind}, not a SecureString or string", message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Plain_http_to_a_remote_host_is_refused_before_any_key_source_is_read()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = Right });
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", Right);
            using var session = ConfiguredSession(sandbox);
            session.Run("Set-SeedanceApiKey -ApiKey $Key", SeedanceSessions.KeyVariable(Right)).ShouldSucceed();
            environment.Dispose();
            var readsBefore = TestVault.GetSecretCalls;

            var result = session.Run("Set-SeedanceConfiguration -BaseUri 'http://seedance.example.test/'; " + Probe + "; " + Probe + " -ApiKey $Key", SeedanceSessions.KeyVariable(Right));

            Assert.All(result.Errors, error => Assert.StartsWith("Seedance.InvalidConfiguration", error.FullyQualifiedErrorId, StringComparison.Ordinal));
            Assert.Equal(2, result.Errors.Count);
            Assert.Contains("plain http", result.Errors[0].Exception.Message, StringComparison.Ordinal);
            Assert.Equal(readsBefore, TestVault.GetSecretCalls);
            Assert.Empty(sandbox.RequestLog);
        }

        private static PowerShellSession ConfiguredSession(SandboxHost sandbox, string vaultParameters = "@{}")
        {
            var session = new PowerShellSession();
            TestVault.ImportEmpty(session, parameters: vaultParameters);
            session.Run("Set-SeedanceConfiguration -BaseUri $Uri", new Dictionary<string, object?> { ["Uri"] = sandbox.BaseUri }).ShouldSucceed();
            return session;
        }

        private static string SingleErrorCode(ScriptResult result)
        {
            Assert.Empty(result.Output);
            return Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0];
        }

        /// <summary>One terminating error that names the four sources and how to set each; nothing was sent.</summary>
        private static string AssertKeyNotFound(ScriptResult result, SandboxHost sandbox)
        {
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("Seedance.ApiKeyNotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            var message = error.Exception.Message;
            Assert.Contains("-ApiKey", message, StringComparison.Ordinal);
            Assert.Contains("Set-SeedanceApiKey -SessionOnly", message, StringComparison.Ordinal);
            Assert.Contains("SEEDANCE_API_KEY", message, StringComparison.Ordinal);
            Assert.Contains("scheduled tasks", message, StringComparison.Ordinal);
            Assert.Contains("SecretManagement secret", message, StringComparison.Ordinal);
            Assert.Empty(sandbox.RequestLog);
            return message;
        }
    }
}
