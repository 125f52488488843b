using System;

namespace Seedance.Sandbox
{
    /// <summary>How a sandbox behaves: where it listens, and how fast time passes in it.</summary>
    public sealed class SandboxOptions
    {
        /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
        public int Port { get; set; }

        /// <summary>The key of the default test account.</summary>
        public string ApiKey { get; set; } = "sk_test_sandbox";

        /// <summary>How long a task stays processing before it completes or fails.</summary>
        public TimeSpan ProcessingTime { get; set; } = TimeSpan.FromSeconds(2);
    }
}
