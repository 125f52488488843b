using System.Collections.Generic;
using System.Net;
using System.Security;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>What scripts need to reach a sandbox: the key as a SecureString (ConvertTo-SecureString is not in the hosted engine).</summary>
    public static class SeedanceSessions
    {
        public const string TestKey = "sk_test_sandbox";

        public static SecureString Secure(string key) => new NetworkCredential(string.Empty, key).SecurePassword;

        /// <summary>$Key for the script, holding <paramref name="key"/>.</summary>
        public static Dictionary<string, object?> KeyVariable(string key = TestKey) => new() { ["Key"] = Secure(key) };
    }
}
