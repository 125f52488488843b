using System;
using System.Linq;
using System.Management.Automation;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests.Keys
{
    [Collection("Environment")]
    public sealed class RemoveSeedanceApiKeyTests
    {
        private const string Key = "sk_test_remove_key_0123456789";

        [Fact]
        public void Remove_takes_the_key_out_of_the_session_and_every_vault_that_holds_it()
        {
            using var session = new PowerShellSession();
            TestVault.ImportEmpty(session);
            session.Run(
                "Register-SecretVault -Name Other -ModuleName TestStore; Set-SeedanceApiKey -ApiKey $Key; Set-SeedanceApiKey -ApiKey $Key -Vault Other; Set-SeedanceApiKey -ApiKey $Key -SessionOnly",
                SeedanceSessions.KeyVariable(Key)).ShouldSucceed();

            var removed = session.Run("Remove-SeedanceApiKey -Confirm:$false -PassThru").ShouldSucceed().Output
                .Select(o => $"{o.Properties["Location"].Value}:{o.Properties["Vault"].Value}").ToArray();

            Assert.Equal(new[] { "Session:", "Vault:Other", "Vault:TestStore" }, removed.OrderBy(r => r, StringComparer.Ordinal));
            Assert.Empty(session.Run("Get-SecretInfo").ShouldSucceed().Output);
        }

        [Fact]
        public void Remove_SessionOnly_leaves_the_vault_secret_in_place()
        {
            using var session = new PowerShellSession();
            TestVault.ImportEmpty(session);
            session.Run("Set-SeedanceApiKey -ApiKey $Key; Set-SeedanceApiKey -ApiKey $Key -SessionOnly", SeedanceSessions.KeyVariable(Key)).ShouldSucceed();

            session.Run("Remove-SeedanceApiKey -SessionOnly -Confirm:$false").ShouldSucceed();

            Assert.Single(session.Run("Get-SecretInfo -Name Seedance").ShouldSucceed().Output);
            var again = session.Run("Remove-SeedanceApiKey -SessionOnly -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures; $failures");
            Assert.Equal("Seedance.ApiKeyNotFound,Seedance.Commands.RemoveSeedanceApiKeyCommand", Assert.IsType<ErrorRecord>(again.Output.Single().BaseObject).FullyQualifiedErrorId);
        }

        [Fact]
        public void Remove_with_WhatIf_removes_nothing()
        {
            using var session = new PowerShellSession();
            TestVault.ImportEmpty(session);
            session.Run("Set-SeedanceApiKey -ApiKey $Key; Set-SeedanceApiKey -ApiKey $Key -SessionOnly", SeedanceSessions.KeyVariable(Key)).ShouldSucceed();

            Assert.Empty(session.Run("Remove-SeedanceApiKey -WhatIf -PassThru").ShouldSucceed().Output);

            Assert.Single(session.Run("Get-SecretInfo -Name Seedance").ShouldSucceed().Output);
            Assert.Single(session.Run("Remove-SeedanceApiKey -SessionOnly -Confirm:$false -PassThru").ShouldSucceed().Output);
        }

        [Fact]
        public void Remove_is_high_impact_so_it_asks_for_confirmation_by_default()
        {
            using var session = new PowerShellSession(importModule: false);
            var impact = session.Run("Import-Module -Name $ManifestPath; (Get-Command Remove-SeedanceApiKey).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact",
                new System.Collections.Generic.Dictionary<string, object?> { ["ManifestPath"] = RepositoryPaths.ModuleManifest }).ShouldSucceed().Output.Single();

            Assert.Equal(ConfirmImpact.High, impact.BaseObject);
        }

        [Fact]
        public void Remove_with_nothing_stored_writes_one_non_terminating_not_found_error()
        {
            using var session = new PowerShellSession();
            TestVault.ImportEmpty(session);

            var result = session.Run("Remove-SeedanceApiKey -Confirm:$false; 'went on'");

            Assert.Equal("went on", result.Output.Single().BaseObject);
            var error = Assert.Single(result.Errors);
            Assert.Equal("Seedance.ApiKeyNotFound,Seedance.Commands.RemoveSeedanceApiKeyCommand", error.FullyQualifiedErrorId);
        }
    }
}
