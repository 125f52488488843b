using System.Collections.Generic;
using System.IO;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>
    /// The SecretManagement test double (tests/TestModules): same cmdlets and parameters as the real module, secrets in
    /// memory for the whole process, so a second session in the same process reads what the first one stored.
    /// </summary>
    public static class TestVault
    {
        public static string ManifestPath { get; } = Path.Combine(
            RepositoryPaths.Root, "tests", "TestModules", "Microsoft.PowerShell.SecretManagement", "Microsoft.PowerShell.SecretManagement.psd1");

        /// <summary>How many times Get-Secret ran in this process since the last <see cref="ImportEmpty"/>.</summary>
        public static int GetSecretCalls =>
            System.AppDomain.CurrentDomain.GetData("Seedance.Tests.SecretManagementDouble") is System.Collections.Hashtable state ? (int)state["GetSecretCalls"]! : 0;

        /// <summary>Imports the double into <paramref name="session"/>.</summary>
        public static void Import(PowerShellSession session) =>
            session.Run("Import-Module -Name $VaultManifest -ErrorAction Stop", new Dictionary<string, object?> { ["VaultManifest"] = ManifestPath }).ShouldSucceed();

        /// <summary>Imports the double, forgets every vault of earlier tests, and registers one default vault.</summary>
        public static void ImportEmpty(PowerShellSession session, string vaultName = "TestStore", string parameters = "@{}")
        {
            Import(session);
            session.Run($"Clear-TestSecretStore; Register-SecretVault -Name '{vaultName}' -ModuleName TestStore -DefaultVault -VaultParameters {parameters}").ShouldSucceed();
        }
    }
}
