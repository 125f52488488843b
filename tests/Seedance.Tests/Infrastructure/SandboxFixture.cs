using System.Threading.Tasks;
using Seedance.Sandbox;
using Xunit;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>A sandbox of its own on a free loopback port, for one test class (xunit IClassFixture) or one test.</summary>
    public sealed class SandboxFixture : IAsyncLifetime
    {
        private readonly SandboxOptions _options;

        public SandboxFixture()
            : this(new SandboxOptions())
        {
        }

        public SandboxFixture(SandboxOptions options) => _options = options;

        public SandboxHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await SandboxHost.StartAsync(_options);

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
