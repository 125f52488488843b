using System.Collections.Generic;
using System.Net;
using System.Security;
using Seedance.Sandbox;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>
    /// Sessions pointed at a sandbox, and the key as a SecureString for scripts ($Key), since ConvertTo-SecureString is not
    /// in the hosted engine.
    /// </summary>
    public static class SeedanceSessions
    {
        public const string TestKey = "sk_test_sandbox";

        public static SecureString Secure(string key) => new NetworkCredential(string.Empty, key).SecurePassword;

        /// <summary>$Key for the script, holding <paramref name="key"/>.</summary>
        public static Dictionary<string, object?> KeyVariable(string key = TestKey) => new() { ["Key"] = Secure(key) };

        /// <summary>
        /// A fresh session whose configuration points at <paramref name="sandbox"/>; <paramref name="configuration"/> adds
        /// Set-SeedanceConfiguration parameters (for example "-RateLimit 30 -RateLimitWindowSeconds 2").
        /// </summary>
        public static PowerShellSession Open(SandboxHost sandbox, string configuration = "", RecordingHost? host = null)
        {
            var session = new PowerShellSession(host);
            session.Run(
                "Set-SeedanceConfiguration -BaseUri $BaseUri -RetryBudgetSeconds 60 " + configuration,
                new Dictionary<string, object?> { ["BaseUri"] = sandbox.BaseUri }).ShouldSucceed();
            return session;
        }
    }
}
