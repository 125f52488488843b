namespace Seedance.Keys
{
    /// <summary>The advice the key errors give, written once.</summary>
    internal static class KeySources
    {
        public const string EnvironmentVariable = "SEEDANCE_API_KEY";

        public const string InstallVaultHint =
            "To keep a key across sessions: Install-Module Microsoft.PowerShell.SecretManagement, Microsoft.PowerShell.SecretStore; " +
            "Register-SecretVault -Name SecretStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault; then Set-SeedanceApiKey.";

        public const string UnlockHint =
            "Unlock it first (for SecretStore: Unlock-SecretStore -Password <SecureString>), or, for scheduled tasks and CI, " +
            "give the key in the " + EnvironmentVariable + " environment variable instead.";
    }
}
