using Seedance.Session;

namespace Seedance.Commands
{
    /// <summary>
    /// A cmdlet that stores or removes the API key: where in the vault (-Name, -Vault, defaulting to the session's),
    /// or the session alone (-SessionOnly), and -PassThru to emit each place it changed.
    /// </summary>
    public abstract class SeedanceKeyCmdlet : SeedanceCmdlet
    {
        private protected const string VaultParameterSet = "Vault";
        private protected const string SessionParameterSet = "Session";

        /// <summary>The secret's name in the vault (default: the session's SecretName, Seedance).</summary>
        [Parameter(ParameterSetName = VaultParameterSet)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The vault (default: the session's SecretVault).</summary>
        [Parameter(ParameterSetName = VaultParameterSet)]
        [ValidateNotNullOrEmpty]
        public string? Vault { get; set; }

        /// <summary>Only the key of this session, in memory; the vault is left alone.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SessionParameterSet)]
        public SwitchParameter SessionOnly { get; set; }

        /// <summary>Emit each place the key was stored or removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The secret's name this call means: -Name, else the session's.</summary>
        private protected string SecretName(SeedanceConfiguration session) => Name ?? session.SecretName;

        /// <summary>The vault this call means: -Vault, else the session's (null: SecretManagement decides).</summary>
        private protected string? SecretVaultName(SeedanceConfiguration session) => Vault ?? session.SecretVault;
    }
}
