using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Seedance.Sandbox.Api;
using Seedance.Sandbox.Http;
using Seedance.Sandbox.Results;

namespace Seedance.Sandbox
{
    /// <summary>A running sandbox on loopback: start it in-process from tests, or from the command line.</summary>
    public sealed class SandboxHost : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly SandboxState _state;
        private readonly CancellationTokenSource _stopping;

        private SandboxHost(WebApplication app, SandboxState state, CancellationTokenSource stopping)
        {
            _app = app;
            _state = state;
            _stopping = stopping;
        }

        /// <summary>Where the sandbox listens, for example <c>http://127.0.0.1:5080/</c>.</summary>
        public Uri BaseUri => _state.BaseUri;

        /// <summary>The options it started with.</summary>
        public SandboxOptions Options => _state.Options;

        /// <summary>Faults waiting for the next requests; add more at any time.</summary>
        public SandboxFaults Faults => _state.Faults;

        /// <summary>Every API request and download answered so far, oldest first (admin requests are not logged).</summary>
        public IReadOnlyList<SandboxRequest> RequestLog => _state.Log;

        /// <summary>Starts a sandbox on 127.0.0.1.</summary>
        public static async Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(options);
            var state = new SandboxState(options, TimeProvider.System);
            var stopping = new CancellationTokenSource();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
            var app = builder.Build();
            var router = new SandboxRouter(state, stopping.Token);
            app.Run(router.HandleAsync);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                stopping.Dispose();
                state.Dispose();
                throw;
            }

            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            state.BaseUri = new Uri(address.TrimEnd('/') + "/");
            return new SandboxHost(app, state, stopping);
        }

        /// <summary>Adds an account with its own key and balance.</summary>
        public SandboxAccount AddAccount(string apiKey, decimal credits) => _state.AddAccount(apiKey, credits);

        /// <summary>Revokes a key: from now on it gets <c>401 unauthorized</c>. Its account stays inspectable.</summary>
        public void RevokeKey(string apiKey) => _state.RevokeKey(apiKey);

        /// <summary>The account a key belongs to (revoked keys too).</summary>
        public SandboxAccount Account(string apiKey) => _state.Account(apiKey);

        /// <summary>The exact bytes the task's video URL serves, for comparing hashes.</summary>
        public byte[] ResultBytes(string taskId)
        {
            var task = _state.FindTask(taskId) ?? throw new KeyNotFoundException($"No task '{taskId}'.");
            var body = _state.Body(task, ResultFiles.Video);
            var bytes = new byte[body.Length];
            body.Fill(0, bytes);
            return bytes;
        }

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _stopping.Dispose();
            _state.Dispose();
        }
    }
}
