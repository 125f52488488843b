using System;
using System.Linq;
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

        /// <summary>
        /// The first request log entry that matches, once it is there: an entry is written when the sandbox has finished
        /// with a request, which can be a moment after the client has.
        /// </summary>
        public async Task<SandboxRequest> LoggedAsync(Func<SandboxRequest, bool> match)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                var entry = Host.RequestLog.FirstOrDefault(match);
                if (entry is not null)
                {
                    return entry;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("No matching request was logged within 30 s.");
                }

                await Task.Delay(20);
            }
        }

        public async ValueTask DisposeAsync()
        {
            Api.Dispose();
            await Host.DisposeAsync();
        }
    }
}
