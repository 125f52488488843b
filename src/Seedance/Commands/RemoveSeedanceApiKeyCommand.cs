using Seedance.Errors;
using Seedance.Keys;

namespace Seedance.Commands
{
    /// <summary>Removes the API key from this session and from the SecretManagement vault (-SessionOnly: the session only).</summary>
    [Cmdlet(VerbsCommon.Remove, "SeedanceApiKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = VaultParameterSet)]
    [OutputType(typeof(StoredApiKey))]
    public sealed class RemoveSeedanceApiKeyCommand : SeedanceKeyCmdlet
    {
        /// <inheritdoc />
        protected override void OnEnd()
        {
            var session = Configuration;
            var found = false;
            if (session.SessionApiKey is not null)
            {
                found = true;
                if (ShouldProcess("the Seedance API key of this session (in memory)", "Remove"))
                {
                    session.SessionApiKey.Dispose();
                    session.SessionApiKey = null;
                    Emit(new StoredApiKey("Session", null, null));
                }
            }

            if (!SessionOnly)
            {
                // Whatever the vault holds now, the next call reads it again.
                session.VaultKey.Forget();
                found |= RemoveFromVaults(SecretName(session), SecretVaultName(session));
            }

            if (!found)
            {
                WriteError(ErrorRecords.From(
                    new SeedanceException(
                        SeedanceErrorCodes.ApiKeyNotFound,
                        SessionOnly ? "No Seedance API key is set for this session: there is nothing to remove." : "No Seedance API key is stored in this session or the vault: there is nothing to remove."),
                    null));
            }

            if (System.Environment.GetEnvironmentVariable(KeySources.EnvironmentVariable) is { Length: > 0 })
            {
                WriteWarning($"The {KeySources.EnvironmentVariable} environment variable is still set in this process; calls without -ApiKey will keep using it.");
            }
        }

        private bool RemoveFromVaults(string name, string? vault)
        {
            var secretVault = new SecretVault(this);
            var holding = secretVault.VaultsHolding(name, vault);
            foreach (var holder in holding)
            {
                if (ShouldProcess($"the secret '{name}' in the vault '{holder}'", "Remove"))
                {
                    secretVault.Remove(name, holder);
                    Emit(new StoredApiKey("Vault", name, holder));
                }
            }

            return holding.Count > 0;
        }

        private void Emit(StoredApiKey removed)
        {
            if (PassThru)
            {
                WriteObject(removed);
            }
        }
    }
}
