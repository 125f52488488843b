using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
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

        /// <summary>Reads the key; never throws for a missing module, secret or locked vault, it says which.</summary>
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
            catch (RuntimeException e) when (e.ErrorRecord?.FullyQualifiedErrorId?.StartsWith(NotFoundErrorId, StringComparison.Ordinal) == true)
            {
                return VaultReadResult.Not(VaultReadOutcome.Missing);
            }
            catch (RuntimeException e)
            {
                return IsLocked(e) ? VaultReadResult.Not(VaultReadOutcome.Locked) : VaultReadResult.Not(VaultReadOutcome.Failed, e.Message);
            }

            return output.Select(o => o?.BaseObject).FirstOrDefault(o => o is not null) switch
            {
                SecureString key when key.Length > 0 => VaultReadResult.Found(key),
                string text when text.Length > 0 => VaultReadResult.Found(SecureText.From(text)),
                null or SecureString or string => VaultReadResult.Not(VaultReadOutcome.Missing),
                var other => VaultReadResult.Not(VaultReadOutcome.WrongKind, other.GetType().Name),
            };
        }

        /// <summary>Writes the key with Set-Secret (the default vault unless <paramref name="vault"/> is given).</summary>
        public void Write(string name, string? vault, SecureString key)
        {
            var parameters = Parameters(name, vault);
            parameters["SecureStringSecret"] = key;
            Call("Set-Secret", parameters, $"store the secret '{name}' in {VaultText(vault)}");
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
                $"Could not {action}: {ModuleName} is not installed. {KeySources.InstallVaultHint} " +
                "Or keep the key for this session only with: Set-SeedanceApiKey -SessionOnly.",
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
