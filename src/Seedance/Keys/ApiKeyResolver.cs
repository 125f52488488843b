using System.Security;
using Seedance.Session;

namespace Seedance.Keys
{
    /// <summary>
    /// Finds the API key, first found wins: -ApiKey, the session key, SEEDANCE_API_KEY, then the SecretManagement vault
    /// (read once per session: see <see cref="VaultKeyCache"/>). Nothing found is one terminating error that names every
    /// source tried and how to set each.
    /// </summary>
    internal static class ApiKeyResolver
    {
        public const string EnvironmentVariable = KeySources.EnvironmentVariable;

        /// <param name="explicitKey">The -ApiKey of the call.</param>
        /// <param name="session">The session's configuration: its key, and the secret's name and vault.</param>
        /// <param name="readVault">Reads the secret (name, vault); only called when the other sources are empty and the session keeps no key for them.</param>
        public static SecureString Resolve(SecureString? explicitKey, SeedanceConfiguration session, Func<string, string?, VaultReadResult> readVault)
        {
            if (explicitKey is { Length: > 0 })
            {
                return explicitKey;
            }

            if (session.SessionApiKey is { Length: > 0 } sessionKey)
            {
                return sessionKey;
            }

            if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            {
                return EnvironmentKey.For(fromEnvironment);
            }

            var fromVault = session.VaultKey.Read(session.SecretName, session.SecretVault, readVault);
            if (fromVault is { Outcome: VaultReadOutcome.Found, Key: { } key })
            {
                return key;
            }

            throw new SeedanceException(SeedanceErrorCodes.ApiKeyNotFound, NotFoundMessage(session, fromVault));
        }

        /// <summary>
        /// The API refused <paramref name="refused"/>: when it was the session's key from the vault, the vault is read again,
        /// and the key it holds now is returned if it is another one; otherwise null (keys given otherwise are not re-read).
        /// </summary>
        public static SecureString? Refused(SecureString refused, SeedanceConfiguration session, Func<string, string?, VaultReadResult> readVault) =>
            session.VaultKey.Refused(refused, readVault);

        private static string NotFoundMessage(SeedanceConfiguration session, VaultReadResult vault)
        {
            var secret = $"the SecretManagement secret '{session.SecretName}' in {SecretVault.VaultText(session.SecretVault)}";
            var why = vault.Outcome switch
            {
                VaultReadOutcome.NotInstalled => $"{SecretVault.ModuleName} is not installed. {KeySources.InstallVaultHint}",
                VaultReadOutcome.NotRegistered => vault.Detail,
                VaultReadOutcome.Locked => $"the vault is locked and this session could not prompt for its password. {KeySources.UnlockHint}",
                VaultReadOutcome.WrongKind => $"the secret is a {vault.Detail}, not a SecureString or string. Replace it with: Set-SeedanceApiKey.",
                VaultReadOutcome.Failed => $"the vault failed: {vault.Detail}",
                _ => "no such secret. Store the key once with: Set-SeedanceApiKey " +
                     "(or point to another secret with: Set-SeedanceConfiguration -SecretName <name> -SecretVault <vault>).",
            };
            var newline = Environment.NewLine;
            return "No Seedance API key was found. Sources tried, in order:" + newline +
                "  1. the -ApiKey parameter: not given. Pass a SecureString to one call, for example -ApiKey (Read-Host -AsSecureString)." + newline +
                "  2. the session key: not set. Set one for this session with: Set-SeedanceApiKey -SessionOnly." + newline +
                $"  3. the {EnvironmentVariable} environment variable: not set. Best for CI and scheduled tasks: set it from the pipeline's secret store or the machine's protected store." + newline +
                $"  4. {secret}: {why}";
        }
    }
}
