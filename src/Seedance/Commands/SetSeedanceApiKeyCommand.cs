using System.Net;
using System.Security;
using Seedance.Errors;
using Seedance.Keys;
using Seedance.Session;

namespace Seedance.Commands
{
    /// <summary>
    /// Stores the API key in a SecretManagement vault (default), or in memory for this session (-SessionOnly).
    /// Asks for the key without echoing it when none is given and someone can answer; never asks otherwise.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SeedanceApiKey", SupportsShouldProcess = true, DefaultParameterSetName = VaultParameterSet)]
    [OutputType(typeof(StoredApiKey))]
    public sealed class SetSeedanceApiKeyCommand : SeedanceKeyCmdlet
    {
        private SecureString? _key;

        /// <summary>The key, as a SecureString (for example from Read-Host -AsSecureString). Asked for when not given.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public SecureString? ApiKey { get; set; }

        /// <summary>Check that the API accepts the key before storing it (one GET of a task that cannot exist).</summary>
        [Parameter]
        public SwitchParameter Validate { get; set; }

        /// <inheritdoc />
        protected override void OnProcess()
        {
            if (ApiKey is not null)
            {
                _key = ApiKey;
            }
        }

        /// <inheritdoc />
        protected override void OnEnd()
        {
            var session = Configuration;
            var name = SecretName(session);
            var vault = SecretVaultName(session);
            var target = SessionOnly ? "the Seedance API key of this session (in memory)" : $"the secret '{name}' in {SecretVault.VaultText(vault)}";

            // Nobody should type a key that cannot be kept.
            if (!SessionOnly && new SecretVault(this).CannotStore(name, vault) is { } cannotStore)
            {
                throw cannotStore;
            }

            var key = _key ?? AskForKey();
            if (key.Length == 0)
            {
                ThrowTerminatingError(ErrorRecords.From(
                    new SeedanceException(SeedanceErrorCodes.InvalidParameter, "The API key is empty: nothing was stored."), nameof(ApiKey)));
            }

            if (!ShouldProcess(target, "Store the Seedance API key"))
            {
                return;
            }

            if (Validate)
            {
                CheckKeyWorks(key, session);
            }

            if (SessionOnly)
            {
                var copy = key.Copy();
                copy.MakeReadOnly();
                session.SessionApiKey = copy;
            }
            else
            {
                new SecretVault(this).Write(name, vault, key);
                session.VaultKey.Forget();
            }

            if (PassThru)
            {
                WriteObject(SessionOnly ? new StoredApiKey("Session", null, null) : new StoredApiKey("Vault", name, vault));
            }
        }

        private SecureString AskForKey()
        {
            if (!HostInteraction.IsInteractive(Host))
            {
                ThrowTerminatingError(ErrorRecords.From(
                    new SeedanceException(
                        SeedanceErrorCodes.InvalidParameter,
                        "No API key was given, and this session is not interactive, so it cannot ask for one: " +
                        "pass -ApiKey (a SecureString) or pipe one in. For scheduled tasks and CI, set the " +
                        $"{KeySources.EnvironmentVariable} environment variable instead of storing a key."),
                    nameof(ApiKey)));
            }

            Host.UI.Write("Seedance API key (input is hidden): ");
            return Host.UI.ReadLineAsSecureString();
        }

        private void CheckKeyWorks(SecureString key, SeedanceConfiguration session)
        {
            // A task id in no format the API issues: 404 means the key was accepted, 401 that it was refused.
            var probeId = "seedance-key-check-" + Guid.NewGuid().ToString("N");
            WriteVerbose($"Checking the key: GET /api/v1/tasks/{probeId} at {session.BaseUri} (404 = the key works).");
            try
            {
                var client = CreateClient(session.BaseUri, () => key);
                Run(token => client.GetTaskAsync(probeId, token));
            }
            catch (SeedanceException e) when (e.Status == HttpStatusCode.NotFound)
            {
                WriteVerbose("The API accepted the key.");
            }
            catch (SeedanceException e) when (e.Status == HttpStatusCode.Unauthorized)
            {
                ThrowTerminatingError(ErrorRecords.From(
                    new SeedanceException(
                        SeedanceErrorCodes.Unauthorized,
                        "The API refused this key (401 unauthorized), so it was not stored. Check that it was copied whole and was not revoked in the dashboard.",
                        HttpStatusCode.Unauthorized,
                        e),
                    nameof(ApiKey)));
            }
            catch (SeedanceException e)
            {
                ThrowTerminatingError(ErrorRecords.From(
                    new SeedanceException(e.ErrorCode, $"Could not check the key, so it was not stored: {e.Message}", e.Status, e), nameof(ApiKey)));
            }
        }
    }
}
