using System.Security;

namespace Seedance.Keys
{
    /// <summary>Turns text that arrived in plain form (an environment variable, a string secret) into a SecureString at once.</summary>
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
    }
}
