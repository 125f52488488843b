using System;
using System.Threading.Tasks;

namespace Seedance.Sandbox.Tests.Infrastructure
{
    /// <summary>Starts a sandbox of its own on a free port, time-scaled for tests, with a raw HTTP client for it.</summary>
    public sealed class TestSandbox : IAsyncDisposable
    {
        private TestSandbox(SandboxHost host)
        {
            Host = host;
            Api = new SandboxApi(host);
        }

        public SandboxHost Host { get; }

        public SandboxApi Api { get; }

        /// <summary>A fast sandbox: 200 ms tasks and a rate limit high enough for polling, unless <paramref name="configure"/> says otherwise.</summary>
        public static async Task<TestSandbox> StartAsync(Action<SandboxOptions>? configure = null)
        {
            var options = new SandboxOptions
            {
                ProcessingTime = TimeSpan.FromMilliseconds(200),
                RateLimitRequests = 100000,
            };
            configure?.Invoke(options);
            return new TestSandbox(await SandboxHost.StartAsync(options));
        }

        public async ValueTask DisposeAsync()
        {
            Api.Dispose();
            await Host.DisposeAsync();
        }
    }
}
