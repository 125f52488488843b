using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests.Keys
{
    /// <summary>
    /// The vault key is read once per session (the SecretManagement double counts its Get-Secret calls) and read again
    /// exactly when it may have changed: Set-SeedanceApiKey, Remove-SeedanceApiKey, another secret name or vault, or the
    /// API refusing it. The sandbox knows two accounts, <see cref="First"/> and <see cref="Second"/>; its request log
    /// names the account of each request, so a test sees which key a call used.
    /// </summary>
    [Collection("Environment")]
    public sealed class VaultKeyCacheTests
    {
        private const string First = "sk_test_cache_first_0123456789";
        private const string Second = "sk_test_cache_second_0123456789";
        private const string FirstAccount = "default";
        private const string SecondAccount = "account-2";
        private const string Probe = "Get-SeedanceTask -Id sd2_no_such_task -ErrorAction SilentlyContinue";

        [Fact]
        public async Task The_vault_key_is_read_once_per_session_however_many_calls_use_it()
        {
            await using var sandbox = await StartAsync();
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = ConfiguredSession(sandbox);
            session.Run("Set-Secret -Name Seedance -Secret $Key", SeedanceSessions.KeyVariable(First)).ShouldSucceed();
            var before = TestVault.GetSecretCalls;

            session.Run("1..5 | ForEach-Object { " + Probe + " }");

            Assert.Equal(1, TestVault.GetSecretCalls - before);
            Assert.Equal(Enumerable.Repeat(FirstAccount, 5), Accounts(sandbox));
        }

        [Fact]
        public async Task Set_SeedanceApiKey_makes_the_next_call_use_the_key_it_stored()
        {
            await using var sandbox = await StartAsync();
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = ConfiguredSession(sandbox);
            session.Run("Set-SeedanceApiKey -ApiKey $Key; " + Probe, SeedanceSessions.KeyVariable(First)).ShouldSucceed();
            session.Run("Set-SeedanceApiKey -ApiKey $Key", SeedanceSessions.KeyVariable(Second)).ShouldSucceed();
            var before = TestVault.GetSecretCalls;

            session.Run(Probe + "; " + Probe);

            Assert.Equal(new[] { FirstAccount, SecondAccount, SecondAccount }, Accounts(sandbox));
            Assert.Equal(1, TestVault.GetSecretCalls - before);
        }

        [Fact]
        public async Task Remove_SeedanceApiKey_makes_the_next_call_find_no_key()
        {
            await using var sandbox = await StartAsync();
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = ConfiguredSession(sandbox);
            session.Run("Set-SeedanceApiKey -ApiKey $Key; " + Probe, SeedanceSessions.KeyVariable(First)).ShouldSucceed();

            var result = session.Run("Remove-SeedanceApiKey -Confirm:$false; Get-SeedanceTask -Id sd2_no_such_task");

            Assert.StartsWith("Seedance.ApiKeyNotFound", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(new[] { FirstAccount }, Accounts(sandbox));
        }

        [Fact]
        public async Task Another_secret_name_or_vault_is_read_at_the_next_call()
        {
            await using var sandbox = await StartAsync();
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = ConfiguredSession(sandbox);
            session.Run(
                "Register-SecretVault -Name Other -ModuleName TestStore; Set-Secret -Name Seedance -Secret $First; Set-Secret -Name SeedanceCi -Secret $Second; Set-Secret -Name Seedance -Vault Other -Secret $Second",
                new Dictionary<string, object?> { ["First"] = First, ["Second"] = Second }).ShouldSucceed();

            var before = TestVault.GetSecretCalls;

            session.Run(Probe + "; " + Probe + "; Set-SeedanceConfiguration -SecretName SeedanceCi; " + Probe + "; " + Probe +
                "; Set-SeedanceConfiguration -SecretName Seedance; " + Probe + "; Set-SeedanceConfiguration -SecretVault Other; " + Probe + "; " + Probe);

            Assert.Equal(new[] { FirstAccount, FirstAccount, SecondAccount, SecondAccount, FirstAccount, SecondAccount, SecondAccount }, Accounts(sandbox));
            Assert.Equal(4, TestVault.GetSecretCalls - before);
        }

        [Fact]
        public async Task A_read_refused_with_the_kept_key_reads_the_vault_again_and_is_sent_once_more_with_its_new_key()
        {
            await using var sandbox = await StartAsync();
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = ConfiguredSession(sandbox);
            session.Run("Set-SeedanceApiKey -ApiKey $Key; " + Probe, SeedanceSessions.KeyVariable(First)).ShouldSucceed();
            session.Run("Set-Secret -Name Seedance -Secret $Key", SeedanceSessions.KeyVariable(Second)).ShouldSucceed();
            sandbox.RevokeKey(First);
            var before = TestVault.GetSecretCalls;

            var result = session.Run("Get-SeedanceTask -Id sd2_no_such_task");

            Assert.StartsWith("Seedance.not_found", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(new[] { 404, 401, 404 }, sandbox.RequestLog.Select(r => r.Status));
            Assert.Equal(1, TestVault.GetSecretCalls - before);
        }

        [Fact]
        public async Task A_read_refused_while_the_vault_holds_the_same_key_is_not_sent_again()
        {
            await using var sandbox = await StartAsync();
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = ConfiguredSession(sandbox);
            session.Run("Set-SeedanceApiKey -ApiKey $Key; " + Probe, SeedanceSessions.KeyVariable(First)).ShouldSucceed();
            sandbox.RevokeKey(First);

            var result = session.Run("Get-SeedanceTask -Id sd2_no_such_task");

            Assert.StartsWith("Seedance.unauthorized", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(new[] { 404, 401 }, sandbox.RequestLog.Select(r => r.Status));
        }

        [Fact]
        public async Task A_submit_refused_with_the_kept_key_is_never_resent_and_the_next_submit_uses_the_vault_s_new_key()
        {
            await using var sandbox = await StartAsync();
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = ConfiguredSession(sandbox);
            session.Run("Set-SeedanceApiKey -ApiKey $Key; " + Probe, SeedanceSessions.KeyVariable(First)).ShouldSucceed();
            session.Run("Set-Secret -Name Seedance -Secret $Key", SeedanceSessions.KeyVariable(Second)).ShouldSucceed();
            sandbox.RevokeKey(First);

            var refused = session.Run("New-SeedanceVideo -Prompt 'a paper boat on a rainy street' -Confirm:$false");
            var before = TestVault.GetSecretCalls;
            var accepted = session.Run("New-SeedanceVideo -Prompt 'a paper boat on a rainy street' -Confirm:$false").ShouldSucceed();

            Assert.StartsWith("Seedance.unauthorized", Assert.Single(refused.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Single(accepted.Output);
            var submits = sandbox.RequestLog.Where(r => r.Method == "POST").ToList();
            Assert.Equal(new[] { 401, 202 }, submits.Select(r => r.Status));
            Assert.Equal(SecondAccount, submits[1].Account);
            Assert.Equal(0, TestVault.GetSecretCalls - before);
        }

        [Fact]
        public async Task A_key_in_SEEDANCE_API_KEY_still_wins_over_the_kept_vault_key_from_the_next_call_on()
        {
            await using var sandbox = await StartAsync();
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", null);
            using var session = ConfiguredSession(sandbox);
            session.Run("Set-SeedanceApiKey -ApiKey $Key; " + Probe, SeedanceSessions.KeyVariable(First)).ShouldSucceed();
            var before = TestVault.GetSecretCalls;

            Environment.SetEnvironmentVariable("SEEDANCE_API_KEY", Second);
            session.Run(Probe);
            Environment.SetEnvironmentVariable("SEEDANCE_API_KEY", null);
            session.Run(Probe);

            Assert.Equal(new[] { FirstAccount, SecondAccount, FirstAccount }, Accounts(sandbox));
            Assert.Equal(0, TestVault.GetSecretCalls - before);
        }

        private static async Task<SandboxHost> StartAsync()
        {
            var sandbox = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = First, RateLimitRequests = 1000 });
            sandbox.AddAccount(Second, 1000);
            return sandbox;
        }

        private static PowerShellSession ConfiguredSession(SandboxHost sandbox)
        {
            var session = new PowerShellSession();
            TestVault.ImportEmpty(session);
            session.Run("Set-SeedanceConfiguration -BaseUri $Uri", new Dictionary<string, object?> { ["Uri"] = sandbox.BaseUri }).ShouldSucceed();
            return session;
        }

        /// <summary>The account of each request the sandbox answered, in order.</summary>
        private static IEnumerable<string?> Accounts(SandboxHost sandbox) => sandbox.RequestLog.Select(r => r.Account);
    }
}
