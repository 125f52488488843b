using System.Security;

namespace Seedance.Keys
{
    /// <summary>The key read from SecretManagement, or why there is none. Never holds the key in plain text.</summary>
    internal sealed class VaultReadResult
    {
        private VaultReadResult(VaultReadOutcome outcome, SecureString? key, string? detail)
        {
            Outcome = outcome;
            Key = key;
            Detail = detail;
        }

        public VaultReadOutcome Outcome { get; }

        /// <summary>The key, when <see cref="Outcome"/> is <see cref="VaultReadOutcome.Found"/>.</summary>
        public SecureString? Key { get; }

        /// <summary>The type of a wrong-kind secret, the vault's own message for a failure, or what is not registered and the fix.</summary>
        public string? Detail { get; }

        public static VaultReadResult Found(SecureString key) => new(VaultReadOutcome.Found, key, null);

        public static VaultReadResult Not(VaultReadOutcome outcome, string? detail = null) => new(outcome, null, detail);
    }
}
