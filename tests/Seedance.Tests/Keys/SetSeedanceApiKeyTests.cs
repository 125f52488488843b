using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests.Keys
{
    [Collection("Environment")]
    public sealed class SetSeedanceApiKeyTests
    {
        private const string Key = "sk_test_set_key_0123456789";
        private const string RegisterSecretStore = "Register-SecretVault -Name SecretStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault";

        [Fact]
        public void Set_stores_the_key_in_the_default_vault_where_a_new_session_reads_it()
        {
            using (var first = new PowerShellSession())
            {
                TestVault.ImportEmpty(first);
                first.Run("Set-SeedanceApiKey -ApiKey $Key", SeedanceSessions.KeyVariable(Key)).ShouldSucceed();
            }

            using var second = new PowerShellSession();
            TestVault.Import(second);
            var stored = second.Run("Get-Secret -Name Seedance -AsPlainText").ShouldSucceed().Output.Single();
            Assert.Equal(Key, stored.BaseObject);
        }

        [Fact]
        public void Set_takes_the_key_from_the_pipeline_and_honours_Name_and_Vault()
        {
            using var session = new PowerShellSession();
            TestVault.ImportEmpty(session);
            session.Run("Register-SecretVault -Name Other -ModuleName TestStore").ShouldSucceed();

            var stored = session.Run("$Key | Set-SeedanceApiKey -Name SeedanceCi -Vault Other -PassThru", SeedanceSessions.KeyVariable(Key)).ShouldSucceed().Output.Single();

            Assert.Equal("Vault", stored.Properties["Location"].Value);
            Assert.Equal("Other", stored.Properties["Vault"].Value);
            Assert.Equal(Key, session.Run("Get-Secret -Name SeedanceCi -Vault Other -AsPlainText").ShouldSucceed().Output.Single().BaseObject);
            Assert.Empty(session.Run("Get-SecretInfo -Name SeedanceCi -Vault TestStore").ShouldSucceed().Output);
        }

        [Fact]
        public void Set_with_WhatIf_stores_nothing_in_the_vault_or_the_session()
        {
            using var session = new PowerShellSession();
            TestVault.ImportEmpty(session);

            session.Run("Set-SeedanceApiKey -ApiKey $Key -WhatIf; Set-SeedanceApiKey -ApiKey $Key -SessionOnly -WhatIf", SeedanceSessions.KeyVariable(Key)).ShouldSucceed();

            Assert.Empty(session.Run("Get-SecretInfo").ShouldSucceed().Output);
            var removed = session.Run("Remove-SeedanceApiKey -SessionOnly -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures; $failures.Count").Output.Single();
            Assert.Equal(1, removed.BaseObject);
        }

        [Fact]
        public void Set_SessionOnly_keeps_the_key_in_memory_and_writes_nothing_to_the_vault()
        {
            using var session = new PowerShellSession();
            TestVault.ImportEmpty(session);

            var stored = session.Run("Set-SeedanceApiKey -ApiKey $Key -SessionOnly -PassThru", SeedanceSessions.KeyVariable(Key)).ShouldSucceed().Output.Single();

            Assert.Equal("Session", stored.Properties["Location"].Value);
            Assert.Empty(session.Run("Get-SecretInfo").ShouldSucceed().Output);
            var removed = session.Run("Remove-SeedanceApiKey -SessionOnly -Confirm:$false -PassThru").ShouldSucceed().Output.Single();
            Assert.Equal("Session", removed.Properties["Location"].Value);
        }

        [Fact]
        public async Task Set_without_a_key_in_a_non_interactive_session_fails_at_once_instead_of_prompting()
        {
            using var session = new PowerShellSession();
            TestVault.ImportEmpty(session);

            var result = await session.RunAsync("Set-SeedanceApiKey").WaitAsync(TimeSpan.FromSeconds(60));

            var error = Assert.Single(result.Errors);
            Assert.Equal("Seedance.InvalidParameter,Seedance.Commands.SetSeedanceApiKeyCommand", error.FullyQualifiedErrorId);
            Assert.Contains("not interactive", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("SEEDANCE_API_KEY", error.Exception.Message, StringComparison.Ordinal);
            Assert.Empty(session.Run("Get-SecretInfo").ShouldSucceed().Output);
        }

        [Fact]
        public async Task Set_into_a_locked_vault_in_a_host_whose_prompts_never_return_fails_at_once_without_prompting()
        {
            using var host = TestPromptHost.NeverAnswering("Default Host");
            using var session = new PowerShellSession(host: host);
            TestVault.ImportEmpty(session, parameters: "@{ Locked = $true; Interaction = 'Prompt'; Password = 'pw' }");

            var result = await session.RunAsync("Set-SeedanceApiKey -ApiKey $Key", SeedanceSessions.KeyVariable(Key)).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.StartsWith("Seedance.SecretVaultError", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(0, host.PromptsReceived);
        }

        [Fact]
        public void Set_without_SecretManagement_installed_fails_and_says_how_to_install_it_or_use_SessionOnly()
        {
            using var session = new PowerShellSession();

            var result = session.Run("Set-SeedanceApiKey -ApiKey $Key", SeedanceSessions.KeyVariable(Key));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("Seedance.SecretVaultError", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("Microsoft.PowerShell.SecretManagement is not installed", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("Set-SeedanceApiKey -SessionOnly", error.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Set_without_SecretManagement_fails_before_asking_for_the_key()
        {
            using var host = TestPromptHost.Typing("TestConsole", SeedanceSessions.Secure(Key));
            using var session = new PowerShellSession(host);

            var error = Assert.Single(session.Run("Set-SeedanceApiKey").Errors);

            Assert.Equal(0, host.PromptsReceived);
            Assert.StartsWith("Seedance.SecretVaultError", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("Microsoft.PowerShell.SecretManagement is not installed", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains(RegisterSecretStore, error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("Set-SeedanceApiKey -SessionOnly", error.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Set_with_no_vault_registered_fails_before_asking_for_the_key_and_says_how_to_register_one()
        {
            using var host = TestPromptHost.Typing("TestConsole", SeedanceSessions.Secure(Key));
            using var session = new PowerShellSession(host);
            TestVault.Import(session);
            session.Run("Clear-TestSecretStore").ShouldSucceed();

            var result = session.Run("Set-SeedanceApiKey");

            Assert.Equal(0, host.PromptsReceived);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("Seedance.SecretVaultError", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("no vault is registered", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains(RegisterSecretStore, error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("Set-SeedanceApiKey -SessionOnly", error.Exception.Message, StringComparison.Ordinal);
            Assert.Empty(result.Warnings);
        }

        [Fact]
        public void Set_with_no_default_vault_fails_before_asking_for_the_key_and_says_how_to_choose_one()
        {
            using var host = TestPromptHost.Typing("TestConsole", SeedanceSessions.Secure(Key));
            using var session = new PowerShellSession(host);
            TestVault.ImportEmpty(session);
            session.Run("Register-SecretVault -Name Other -ModuleName TestStore; Set-SecretVaultDefault -ClearDefault").ShouldSucceed();

            var error = Assert.Single(session.Run("Set-SeedanceApiKey").Errors);

            Assert.Equal(0, host.PromptsReceived);
            Assert.Contains("no vault is the default (registered: Other, TestStore)", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("-Vault", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("Set-SecretVaultDefault", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("Set-SeedanceApiKey -SessionOnly", error.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Set_into_a_vault_that_is_not_registered_fails_before_asking_for_the_key()
        {
            using var host = TestPromptHost.Typing("TestConsole", SeedanceSessions.Secure(Key));
            using var session = new PowerShellSession(host);
            TestVault.ImportEmpty(session);

            var error = Assert.Single(session.Run("Set-SeedanceApiKey -Vault Elsewhere").Errors);

            Assert.Equal(0, host.PromptsReceived);
            Assert.Contains("the vault 'Elsewhere': no vault of that name is registered (registered: TestStore)", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("Register-SecretVault", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("Set-SeedanceApiKey -SessionOnly", error.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Set_without_a_key_in_an_interactive_session_asks_once_with_hidden_input_and_stores_the_answer()
        {
            using var host = TestPromptHost.Typing("TestConsole", SeedanceSessions.Secure(Key));
            using var session = new PowerShellSession(host);
            TestVault.ImportEmpty(session);

            session.Run("Set-SeedanceApiKey").ShouldSucceed();

            Assert.Equal(1, host.PromptsReceived);
            Assert.Equal(Key, session.Run("Get-Secret -Name Seedance -AsPlainText").ShouldSucceed().Output.Single().BaseObject);
        }

        [Fact]
        public void Set_into_a_locked_vault_fails_with_a_clear_error_and_no_prompt()
        {
            using var session = new PowerShellSession();
            TestVault.ImportEmpty(session, parameters: "@{ Locked = $true; Interaction = 'Prompt'; Password = 'pw' }");

            var result = session.Run("Set-SeedanceApiKey -ApiKey $Key", SeedanceSessions.KeyVariable(Key));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("Seedance.SecretVaultError", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(System.Management.Automation.ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
            Assert.Contains("locked", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("SEEDANCE_API_KEY", error.Exception.Message, StringComparison.Ordinal);
        }
    }
}
