using System;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace Seedance.Http
{
    /// <summary>The only place the key leaves its SecureString: the Authorization header, and a one-way fingerprint of it.</summary>
    internal static class AuthorizationHeader
    {
        public static AuthenticationHeaderValue Bearer(SecureString key)
        {
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(key);
            try
            {
                return new AuthenticationHeaderValue("Bearer", Marshal.PtrToStringUni(pointer, key.Length));
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        // Fingerprints already computed, per key object and length: every cmdlet call asks again for the same key, and hashing
        // costs more than the rest of making a client. A key changed in place to one of the same length keeps its old
        // fingerprint; that only means its requests share the old key's rate budget.
        private static readonly ConditionalWeakTable<SecureString, KnownFingerprint> Known = new();

        /// <summary>The first 16 bytes of the SHA-256 of the key's UTF-8 bytes, in hex: names an account without revealing its key.</summary>
        public static string Fingerprint(SecureString key)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            if (Known.TryGetValue(key, out var known) && known.Length == key.Length)
            {
                return known.Fingerprint;
            }

            var fingerprint = ComputeFingerprint(key);
            lock (Known)
            {
                Known.Remove(key);
                Known.Add(key, new KnownFingerprint(key.Length, fingerprint));
            }

            return fingerprint;
        }

        private static string ComputeFingerprint(SecureString key)
        {
            var chars = new char[key.Length];
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(key);
            byte[]? bytes = null;
            try
            {
                Marshal.Copy(pointer, chars, 0, chars.Length);
                bytes = Encoding.UTF8.GetBytes(chars);
                using var sha = SHA256.Create();
                var hash = sha.ComputeHash(bytes);
                var text = new StringBuilder(32);
                for (var i = 0; i < 16; i++)
                {
                    text.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                }

                return text.ToString();
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                Array.Clear(chars, 0, chars.Length);
                if (bytes is not null)
                {
                    Array.Clear(bytes, 0, bytes.Length);
                }
            }
        }

        private sealed class KnownFingerprint
        {
            public KnownFingerprint(int length, string fingerprint)
            {
                Length = length;
                Fingerprint = fingerprint;
            }

            public int Length { get; }

            public string Fingerprint { get; }
        }
    }
}
