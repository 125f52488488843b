using System.Runtime.InteropServices;
using System.Security;

namespace Seedance.Keys
{
    /// <summary>Turns text that arrived in plain form (an environment variable, a string secret) into a SecureString at once, and compares keys without keeping their text.</summary>
    internal static class SecureText
    {
        public static SecureString From(string text)
        {
            var secure = new SecureString();
            foreach (var character in text)
            {
                secure.AppendChar(character);
            }

            secure.MakeReadOnly();
            return secure;
        }

        /// <summary><paramref name="key"/>, made read-only: a key kept for later calls must not change under them.</summary>
        public static SecureString ReadOnly(SecureString key)
        {
            if (!key.IsReadOnly())
            {
                key.MakeReadOnly();
            }

            return key;
        }

        /// <summary>Whether two keys hold the same text; the text lives only in unmanaged memory, zeroed at once.</summary>
        public static bool Same(SecureString first, SecureString second)
        {
            if (first.Length != second.Length)
            {
                return false;
            }

            var a = Marshal.SecureStringToGlobalAllocUnicode(first);
            var b = Marshal.SecureStringToGlobalAllocUnicode(second);
            try
            {
                var same = true;
                for (var offset = 0; offset < first.Length * sizeof(char); offset += sizeof(char))
                {
                    same &= Marshal.ReadInt16(a, offset) == Marshal.ReadInt16(b, offset);
                }

                return same;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(a);
                Marshal.ZeroFreeGlobalAllocUnicode(b);
            }
        }
    }
}
