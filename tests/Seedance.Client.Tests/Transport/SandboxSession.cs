using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Seedance.Sandbox;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>A sandbox of its own (unique key, free port) and clients for it that record every trace line.</summary>
    internal sealed class SandboxSession : IAsyncDisposable
    {
        public const string SubmitPath = "/api/v1/video/seedance2";

        private SandboxSession(SandboxHost host) => Host = host;

        public SandboxHost Host { get; }

        public string Key => Host.Options.ApiKey;

        public ConcurrentQueue<SeedanceTrace> Traces { get; } = new();

        public IReadOnlyList<SandboxCharge> Charges => Host.Account(Key).Charges;

        public IReadOnlyList<SandboxRequest> Submits => Host.RequestLog.Where(r => r.Path == SubmitPath).ToList();

        public static async Task<SandboxSession> StartAsync(Action<SandboxOptions>? configure = null)
        {
            var options = new SandboxOptions { ApiKey = "sk_test_" + Guid.NewGuid().ToString("N"), ProcessingTime = TimeSpan.FromMilliseconds(300) };
            configure?.Invoke(options);
            return new SandboxSession(await SandboxHost.StartAsync(options));
        }

        /// <summary>Client options for this sandbox: short backoff, every trace line recorded.</summary>
        public SeedanceClientOptions Options(Action<SeedanceClientOptions>? configure = null, string? key = null)
        {
            var options = new SeedanceClientOptions
            {
                BaseUri = Host.BaseUri,
                ApiKey = Secure(key ?? Key),
                RetryBaseDelay = TimeSpan.FromMilliseconds(50),
                RetryMaxDelay = TimeSpan.FromMilliseconds(400),
                AttemptTimeout = TimeSpan.FromSeconds(20),
                RateLimitRequests = Host.Options.RateLimitRequests,
                RateLimitWindow = Host.Options.RateLimitWindow,
                Trace = Traces.Enqueue,
            };
            configure?.Invoke(options);
            return options;
        }

        public SeedanceClient Client(Action<SeedanceClientOptions>? configure = null, string? key = null) => new(Options(configure, key));

        public static string Sha256(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));

        public static SecureString Secure(string text)
        {
            var key = new SecureString();
            foreach (var c in text)
            {
                key.AppendChar(c);
            }

            key.MakeReadOnly();
            return key;
        }

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }
}
