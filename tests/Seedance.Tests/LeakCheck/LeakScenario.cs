using System;
using Seedance.Sandbox;

namespace Seedance.Tests.LeakCheck
{
    /// <summary>
    /// One scenario of the leak check: a script run against its own sandbox (whose account key is the leak-check key),
    /// with <c>$Key</c> (that key as a SecureString) and <c>$TestFolder</c> (an empty folder the script may write to).
    /// </summary>
    public sealed record LeakScenario(string Name, LeakKeySource KeySource, string Script)
    {
        /// <summary>Changes the sandbox before it starts (credits, rate limit, processing time).</summary>
        public Action<SandboxOptions>? ConfigureSandbox { get; init; }

        /// <summary>Prepares the running sandbox (faults, revoked keys).</summary>
        public Action<SandboxHost>? Arrange { get; init; }

        /// <summary>The error the scenario exists to provoke (the start of its FullyQualifiedErrorId); null: it must succeed.</summary>
        public string? ExpectedErrorId { get; init; }

        /// <summary>The scenario must leave files under $TestFolder (downloads, the journal), so the file scan has work.</summary>
        public bool WritesFiles { get; init; }

        public override string ToString() => Name;
    }
}
