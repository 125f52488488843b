namespace Seedance.Keys
{
    /// <summary>Where Set-SeedanceApiKey put the key, or where Remove-SeedanceApiKey removed it from. Never the key itself.</summary>
    public sealed class StoredApiKey
    {
        internal StoredApiKey(string location, string? name, string? vault)
        {
            Location = location;
            Name = name;
            Vault = vault;
        }

        /// <summary><c>Session</c> (memory, this session only) or <c>Vault</c> (SecretManagement).</summary>
        public string Location { get; }

        /// <summary>The secret's name in the vault; empty for the session key.</summary>
        public string? Name { get; }

        /// <summary>The vault; empty for the session key, or for the default vault when it was not named.</summary>
        public string? Vault { get; }
    }
}
