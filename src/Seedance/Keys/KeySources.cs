namespace Seedance.Keys
{
    /// <summary>The advice the key errors give, written once.</summary>
    internal static class KeySources
    {
        public const string EnvironmentVariable = "SEEDANCE_API_KEY";

        public const string RegisterSecretStore =
            "Register-SecretVault -Name SecretStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault";

        public const string InstallVaultHint =
            "To keep a key across sessions: Install-Module Microsoft.PowerShell.SecretManagement, Microsoft.PowerShell.SecretStore; " +
            RegisterSecretStore + "; then Set-SeedanceApiKey.";

        public const string RegisterVaultHint =
            "Register one once, for example the SecretStore (Install-Module Microsoft.PowerShell.SecretStore first): " +
            RegisterSecretStore + "; then Set-SeedanceApiKey.";

        public const string SessionOnlyHint = "Or keep the key for this session only with: Set-SeedanceApiKey -SessionOnly.";

        public const string UnlockHint =
            "Unlock it first (for SecretStore: Unlock-SecretStore -Password <SecureString>), or, for scheduled tasks and CI, " +
            "give the key in the " + EnvironmentVariable + " environment variable instead.";
    }
}
