using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;

namespace Seedance.Tests.Journal
{
    /// <summary>A fast sandbox without a practical rate limit, and sessions pointed at it with their own journal.</summary>
    internal static class JournalSandbox
    {
        public static Task<SandboxHost> StartAsync(TimeSpan? processingTime = null) => SandboxHost.StartAsync(new SandboxOptions
        {
            RateLimitRequests = 100000,
            RateLimitWindow = TimeSpan.FromSeconds(1),
            ProcessingTime = processingTime ?? TimeSpan.FromMilliseconds(300),
        });

        /// <summary>A session on <paramref name="sandbox"/>; $Key holds the sandbox key.</summary>
        public static PowerShellSession Session(SandboxHost sandbox, int maxRetries = 6, string? journalPath = null)
        {
            var session = new PowerShellSession();
            session.Run(
                "Set-SeedanceConfiguration -BaseUri $Base -RateLimit 100000 -RateLimitWindowSeconds 1 -MaxRetries $Retries -JournalPath $Journal",
                new Dictionary<string, object?> { ["Base"] = sandbox.BaseUri, ["Retries"] = maxRetries, ["Journal"] = journalPath ?? session.JournalPath, ["Key"] = SeedanceSessions.Secure(sandbox.Options.ApiKey) })
                .ShouldSucceed();
            return session;
        }
    }
}
