using System;
using System.Security;
using Seedance.Session;

namespace Seedance.Keys
{
    /// <summary>
    /// Finds the API key, first found wins: -ApiKey, the session key, SEEDANCE_API_KEY, then the SecretManagement vault.
    /// </summary>
    internal static class ApiKeyResolver
    {
        public const string EnvironmentVariable = "SEEDANCE_API_KEY";

        public static SecureString Resolve(SecureString? explicitKey, SeedanceConfiguration session)
        {
            if (explicitKey is { Length: > 0 })
            {
                return explicitKey;
            }

            if (session.SessionApiKey is { Length: > 0 } sessionKey)
            {
                return sessionKey;
            }

            if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            {
                return ToSecureString(fromEnvironment);
            }

            throw new SeedanceException(
                SeedanceErrorCodes.Unauthorized,
                "No Seedance API key was found. Sources tried, in order: " +
                "1) the -ApiKey parameter; " +
                "2) the session key (set one with: Set-SeedanceApiKey -SessionOnly); " +
                $"3) the {EnvironmentVariable} environment variable (best for CI and scheduled tasks).");
        }

        private static SecureString ToSecureString(string text)
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
