namespace Seedance.Keys
{
    /// <summary>What reading the key from SecretManagement came to.</summary>
    internal enum VaultReadOutcome
    {
        /// <summary>The secret was read: a SecureString or a string.</summary>
        Found,

        /// <summary>Microsoft.PowerShell.SecretManagement is not installed.</summary>
        NotInstalled,

        /// <summary>No vault is registered, or none of the name asked for.</summary>
        NotRegistered,

        /// <summary>No secret of that name in the vault (or in any vault).</summary>
        Missing,

        /// <summary>The vault is locked and could not ask for its password here.</summary>
        Locked,

        /// <summary>The secret exists but is not a SecureString or string.</summary>
        WrongKind,

        /// <summary>The vault failed in another way.</summary>
        Failed,
    }
}
