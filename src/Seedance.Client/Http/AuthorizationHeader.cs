using System;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security;

namespace Seedance.Client.Http
{
    /// <summary>The only place the key leaves its SecureString: for the Authorization header, and for a one-way fingerprint.</summary>
    internal static class AuthorizationHeader
    {
        public static AuthenticationHeaderValue Bearer(SecureString key) => new("Bearer", Reveal(key, chars => new string(chars)));

        /// <summary>What <paramref name="use"/> makes of the key's characters, which are wiped afterwards.</summary>
        public static T Reveal<T>(SecureString key, Func<char[], T> use)
        {
            var chars = new char[key.Length];
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(key);
            try
            {
                Marshal.Copy(pointer, chars, 0, chars.Length);
                return use(chars);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                Array.Clear(chars, 0, chars.Length);
            }
        }
    }
}
