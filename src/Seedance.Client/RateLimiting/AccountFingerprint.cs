using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using Seedance.Client.Http;

namespace Seedance.Client.RateLimiting
{
    /// <summary>How the rate budget names an account without revealing its key: a one-way fingerprint of the key.</summary>
    internal static class AccountFingerprint
    {
        // Fingerprints already computed, per key object and length: every cmdlet call asks again for the same key, and hashing
        // costs more than the rest of making a client. A key changed in place to one of the same length keeps its old
        // fingerprint; that only means its requests share the old key's rate budget.
        private static readonly ConditionalWeakTable<SecureString, Tuple<int, string>> Known = new();

        /// <summary>The first 16 bytes of the SHA-256 of the key's UTF-8 bytes, in hex.</summary>
        public static string Of(SecureString key)
        {
            if (Known.TryGetValue(key ?? throw new ArgumentNullException(nameof(key)), out var known) && known.Item1 == key.Length)
            {
                return known.Item2;
            }

            var fingerprint = AuthorizationHeader.Reveal(key, Hash);
            lock (Known)
            {
                Known.Remove(key);
                Known.Add(key, Tuple.Create(key.Length, fingerprint));
            }

            return fingerprint;
        }

        private static string Hash(char[] chars)
        {
            var bytes = Encoding.UTF8.GetBytes(chars);
            try
            {
                using var sha = SHA256.Create();
                var hash = sha.ComputeHash(bytes);
                var text = new StringBuilder(32);
                for (var i = 0; i < 16; i++)
                {
                    text.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
                }

                return text.ToString();
            }
            finally
            {
                Array.Clear(bytes, 0, bytes.Length);
            }
        }
    }
}
