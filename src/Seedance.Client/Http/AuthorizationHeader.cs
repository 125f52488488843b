using System;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security;

namespace Seedance.Http
{
    /// <summary>The only place the key leaves its SecureString: the moment the Authorization header is built.</summary>
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
    }
}
