using System.Security;

namespace Seedance.Keys
{
    /// <summary>
    /// The session's key from the SecretManagement vault, read once and kept as a read-only SecureString with the secret
    /// name and vault it came from: a vault read is a nested Get-Secret, which cost a call about 30 times what the rest of
    /// it costs. It is forgotten when Set-SeedanceApiKey or Remove-SeedanceApiKey change the vault, read again when the
    /// session names another secret or vault, and read again when the API refuses it.
    /// </summary>
    internal sealed class VaultKeyCache
    {
        private readonly object _sync = new();
        private Entry? _entry;

        /// <summary>The key of secret <paramref name="name"/> in <paramref name="vault"/>; the vault is read only when nothing is kept for them.</summary>
        public VaultReadResult Read(string name, string? vault, Func<string, string?, VaultReadResult> readVault)
        {
            lock (_sync)
            {
                if (_entry is { } kept && kept.Holds(name, vault))
                {
                    return VaultReadResult.Found(kept.Key);
                }
            }

            var read = readVault(name, vault);
            if (read is not { Outcome: VaultReadOutcome.Found, Key: { } key })
            {
                return read;
            }

            lock (_sync)
            {
                _entry = new Entry(name, vault, SecureText.ReadOnly(key));
                return VaultReadResult.Found(_entry.Key);
            }
        }

        /// <summary>
        /// The API refused <paramref name="refused"/>: when it is the key kept here, the vault is read again. Returns the
        /// key to use from now on when the vault now holds another one, else null (the refused key was not the vault's,
        /// or the vault still holds it).
        /// </summary>
        public SecureString? Refused(SecureString refused, Func<string, string?, VaultReadResult> readVault)
        {
            Entry kept;
            lock (_sync)
            {
                if (_entry is not { } entry)
                {
                    return null;
                }

                if (!ReferenceEquals(entry.Key, refused))
                {
                    // Another request of the same call was refused first and read the vault already.
                    return entry.Previous is { } previous && ReferenceEquals(previous, refused) ? entry.Key : null;
                }

                kept = entry;
            }

            var read = readVault(kept.Name, kept.Vault);
            lock (_sync)
            {
                if (read is not { Outcome: VaultReadOutcome.Found, Key: { } key })
                {
                    _entry = null;
                    return null;
                }

                if (SecureText.Same(key, refused))
                {
                    return null;
                }

                _entry = new Entry(kept.Name, kept.Vault, SecureText.ReadOnly(key), refused);
                return _entry.Key;
            }
        }

        /// <summary>Forgets the key: the next call reads the vault.</summary>
        public void Forget()
        {
            lock (_sync)
            {
                _entry = null;
            }
        }

        private sealed class Entry
        {
            public Entry(string name, string? vault, SecureString key, SecureString? previous = null)
            {
                Name = name;
                Vault = vault;
                Key = key;
                Previous = previous;
            }

            public string Name { get; }

            public string? Vault { get; }

            public SecureString Key { get; }

            /// <summary>The key this one replaced after the API refused it.</summary>
            public SecureString? Previous { get; }

            public bool Holds(string name, string? vault) =>
                string.Equals(Name, name, StringComparison.OrdinalIgnoreCase) && string.Equals(Vault ?? string.Empty, vault ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        }
    }
}
