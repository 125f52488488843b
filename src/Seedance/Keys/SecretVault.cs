using System.Collections.ObjectModel;
using System.Management.Automation.Host;
using System.Security;

namespace Seedance.Keys
{
    /// <summary>
    /// The key in Microsoft.PowerShell.SecretManagement, called by command name in the caller's session: the module stays
    /// optional (not in RequiredModules, no assembly reference), and whatever vaults the user registered just work.
    /// When nobody can answer a prompt, the calls run under <see cref="PromptRefusingHost"/>, so a locked vault fails
    /// at once with a clear error instead of waiting for a password.
    /// </summary>
    internal sealed class SecretVault
    {
        public const string ModuleName = "Microsoft.PowerShell.SecretManagement";
        private const string NotFoundErrorId = "GetSecretNotFound";
        private readonly PSCmdlet _cmdlet;

        public SecretVault(PSCmdlet cmdlet) => _cmdlet = cmdlet;

        /// <summary>Reads the key; never throws for a missing module, vault or secret, or a locked vault, it says which.</summary>
        public VaultReadResult Read(string name, string? vault)
        {
            Collection<PSObject> output;
            try
            {
                output = Invoke("Get-Secret", Parameters(name, vault));
            }
            catch (CommandNotFoundException)
            {
                return VaultReadResult.Not(VaultReadOutcome.NotInstalled);
            }
            catch (RuntimeException e) when (IsLocked(e))
            {
                return VaultReadResult.Not(VaultReadOutcome.Locked);
            }
            catch (RuntimeException e)
            {
                // Nothing found, or a failure: a vault that is not registered explains either best.
                var notFound = e.ErrorRecord?.FullyQualifiedErrorId?.StartsWith(NotFoundErrorId, StringComparison.Ordinal) == true;
                return RegistrationProblem(vault, storing: false) is { } problem
                    ? VaultReadResult.Not(VaultReadOutcome.NotRegistered, problem)
                    : VaultReadResult.Not(notFound ? VaultReadOutcome.Missing : VaultReadOutcome.Failed, notFound ? null : e.Message);
            }

            return output.Select(o => o?.BaseObject).FirstOrDefault(o => o is not null) switch
            {
                SecureString key when key.Length > 0 => VaultReadResult.Found(key),
                string text when text.Length > 0 => VaultReadResult.Found(SecureText.From(text)),
                null or SecureString or string => VaultReadResult.Not(VaultReadOutcome.Missing),
                var other => VaultReadResult.Not(VaultReadOutcome.WrongKind, other.GetType().Name),
            };
        }

        /// <summary>
        /// Why the secret cannot be stored in <paramref name="vault"/> (null: the default vault), found before anyone is
        /// asked for a key: SecretManagement is not installed, no vault is registered, none of that name, or none is the
        /// default. Null when a vault is there to take it (it may still be locked).
        /// </summary>
        public SeedanceException? CannotStore(string name, string? vault)
        {
            string? problem;
            try
            {
                problem = RegistrationProblem(vault, storing: true);
            }
            catch (CommandNotFoundException e)
            {
                return Failure(StoreAction(name, vault), e);
            }

            return problem is null
                ? null
                : new SeedanceException(SeedanceErrorCodes.SecretVaultError, $"Could not {StoreAction(name, vault)}: {problem} {KeySources.SessionOnlyHint}");
        }

        /// <summary>Writes the key with Set-Secret (the default vault unless <paramref name="vault"/> is given).</summary>
        public void Write(string name, string? vault, SecureString key)
        {
            var parameters = Parameters(name, vault);
            parameters["SecureStringSecret"] = key;
            Call("Set-Secret", parameters, StoreAction(name, vault));
        }

        /// <summary>
        /// The vaults that hold a secret named <paramref name="name"/> (only <paramref name="vault"/> when given); none
        /// when SecretManagement is not installed, since then no vault can hold it.
        /// </summary>
        public IReadOnlyList<string> VaultsHolding(string name, string? vault)
        {
            Collection<PSObject> infos;
            try
            {
                infos = Invoke("Get-SecretInfo", Parameters(WildcardPattern.Escape(name), vault));
            }
            catch (CommandNotFoundException)
            {
                return Array.Empty<string>();
            }
            catch (RuntimeException e)
            {
                throw Failure($"look for the secret '{name}' in {VaultText(vault)}", e);
            }

            return infos
                .Where(info => string.Equals(Property(info, "Name"), name, StringComparison.OrdinalIgnoreCase))
                .Select(info => Property(info, "VaultName") ?? string.Empty)
                .Where(found => found.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
        }

        /// <summary>Removes the secret from one vault.</summary>
        public void Remove(string name, string vault) =>
            Call("Remove-Secret", Parameters(name, vault), $"remove the secret '{name}' from {VaultText(vault)}");

        /// <summary>How the messages name a vault.</summary>
        public static string VaultText(string? vault) => string.IsNullOrEmpty(vault) ? "the default vault" : $"the vault '{vault}'";

        private static string StoreAction(string name, string? vault) => $"store the secret '{name}' in {VaultText(vault)}";

        /// <summary>
        /// What keeps <paramref name="vault"/> (null: the default vault, or for reading any vault) from holding the secret,
        /// and the fix, in words; null when nothing does, or when SecretManagement could not say.
        /// </summary>
        private string? RegistrationProblem(string? vault, bool storing)
        {
            Collection<PSObject> infos;
            try
            {
                infos = Invoke("Get-SecretVault", new Dictionary<string, object>());
            }
            catch (RuntimeException e) when (e is not CommandNotFoundException)
            {
                return null;
            }

            var registered = infos.Where(info => info is not null).ToList();
            if (registered.Count == 0)
            {
                return "no vault is registered. " + KeySources.RegisterVaultHint;
            }

            var names = string.Join(", ", registered.Select(info => Property(info, "Name")).OrderBy(n => n, StringComparer.OrdinalIgnoreCase));
            if (!string.IsNullOrEmpty(vault))
            {
                return registered.Any(info => string.Equals(Property(info, "Name"), vault, StringComparison.OrdinalIgnoreCase))
                    ? null
                    : $"no vault of that name is registered (registered: {names}). Register it with Register-SecretVault, or " +
                      (storing ? "name a registered one with -Vault." : "point to a registered one with: Set-SeedanceConfiguration -SecretVault <vault>.");
            }

            return !storing || registered.Any(info => LanguagePrimitives.IsTrue(info.Properties["IsDefault"]?.Value))
                ? null
                : $"no vault is the default (registered: {names}). Name one with -Vault, or make one the default: Set-SecretVaultDefault -Name <vault>.";
        }

        private void Call(string command, Dictionary<string, object> parameters, string action)
        {
            try
            {
                Invoke(command, parameters);
            }
            catch (RuntimeException e)
            {
                throw Failure(action, e);
            }
        }

        private static SeedanceException Failure(string action, RuntimeException e) => e switch
        {
            CommandNotFoundException => new SeedanceException(
                SeedanceErrorCodes.SecretVaultError,
                $"Could not {action}: {ModuleName} is not installed. {KeySources.InstallVaultHint} {KeySources.SessionOnlyHint}",
                innerException: e),
            _ when IsLocked(e) => new SeedanceException(
                SeedanceErrorCodes.SecretVaultError,
                $"Could not {action}: the vault is locked and this session cannot prompt for its password. {KeySources.UnlockHint}",
                innerException: e),
            _ => new SeedanceException(SeedanceErrorCodes.SecretVaultError, $"Could not {action}: {e.Message}", innerException: e),
        };

        private Collection<PSObject> Invoke(string command, Dictionary<string, object> parameters)
        {
            using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
            shell.AddCommand(ModuleName + "\\" + command);
            foreach (var parameter in parameters)
            {
                shell.AddParameter(parameter.Key, parameter.Value);
            }

            shell.AddParameter("ErrorAction", ActionPreference.Stop);

            // SecretManagement warns on every call while no vault is registered; the errors built from what it returns say
            // that, and the fix, instead of a raw warning that would show even under -WarningAction SilentlyContinue.
            shell.AddParameter("WarningAction", ActionPreference.SilentlyContinue);
            var settings = new PSInvocationSettings();
            if (!HostInteraction.IsInteractive(_cmdlet.Host))
            {
                settings.Host = new PromptRefusingHost(_cmdlet.Host);
            }

            return shell.Invoke(null, settings);
        }

        private static Dictionary<string, object> Parameters(string name, string? vault)
        {
            var parameters = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase) { ["Name"] = name };
            if (!string.IsNullOrEmpty(vault))
            {
                parameters["Vault"] = vault!;
            }

            return parameters;
        }

        private static string? Property(PSObject item, string name) => item.Properties[name]?.Value?.ToString();

        /// <summary>
        /// A locked vault that could not prompt: SecretStore's PasswordRequiredException (no prompting configured), our
        /// refusing host, the console host in -NonInteractive mode, or a host without a UI. SecretManagement wraps each in
        /// its own "Unable to get secret" exception, so the whole chain is searched.
        /// </summary>
        private static bool IsLocked(Exception exception)
        {
            for (var current = exception; current is not null; current = current.InnerException)
            {
                if (current is HostException
                    || current.GetType().Name == "PasswordRequiredException"
                    || current.Message.IndexOf("Unlock-SecretStore", StringComparison.OrdinalIgnoreCase) >= 0
                    || current.Message.IndexOf("NonInteractive", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return exception is RuntimeException { ErrorRecord.Exception: { } recorded } && !ReferenceEquals(recorded, exception) && IsLocked(recorded);
        }
    }
}
