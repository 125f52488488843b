using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Seedance.Sandbox
{
    /// <summary>A running sandbox on loopback: start it in-process from tests, or from the command line.</summary>
    public sealed class SandboxHost : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private SandboxHost(WebApplication app, Uri baseUri, SandboxOptions options)
        {
            _app = app;
            BaseUri = baseUri;
            Options = options;
        }

        /// <summary>Where the sandbox listens, for example <c>http://127.0.0.1:5080/</c>.</summary>
        public Uri BaseUri { get; }

        /// <summary>The options it started with.</summary>
        public SandboxOptions Options { get; }

        /// <summary>Starts a sandbox on 127.0.0.1.</summary>
        public static async Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(options);
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, options.Port));
            var app = builder.Build();
            app.MapGet("/_sandbox/health", () => Results.Ok(new { status = "ok" }));
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new SandboxHost(app, new Uri(address.TrimEnd('/') + "/"), options);
        }

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
