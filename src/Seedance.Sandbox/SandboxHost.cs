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
using Microsoft.AspNetCore.Server.Kestrel.Core;
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

        /// <summary>
        /// The sandbox's other port, for example <c>http://127.0.0.1:5081/</c>: another host to a client, where redirect
        /// faults point by default. It answers anything with a task nobody paid for.
        /// </summary>
        public Uri ElsewhereUri => _state.ElsewhereUri;

        /// <summary>Every request that reached <see cref="ElsewhereUri"/>, oldest first.</summary>
        public IReadOnlyList<ElsewhereRequest> ElsewhereLog => _state.ElsewhereLog;

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
            var state = new SandboxState(options);
            var stopping = new CancellationTokenSource();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            ListenOptions? api = null;
            ListenOptions? elsewhere = null;
            builder.WebHost.UseKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, options.Port, listen => api = listen);
                kestrel.Listen(IPAddress.Loopback, 0, listen => elsewhere = listen);
            });
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

            // Kestrel writes the port it bound back into each endpoint's options.
            state.BaseUri = new Uri(FormattableString.Invariant($"http://127.0.0.1:{api!.IPEndPoint!.Port}/"));
            state.ElsewhereUri = new Uri(FormattableString.Invariant($"http://127.0.0.1:{elsewhere!.IPEndPoint!.Port}/"));
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
