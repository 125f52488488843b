using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Xunit;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>A base URI where nothing listens: the error says where, and long retries say why while they wait.</summary>
    public sealed class UnreachableServerTests
    {
        [Fact]
        public async Task Unreachable_server_error_names_host_and_port()
        {
            var port = ClosedPort();
            var client = new SeedanceClient(Options(port, maxRetries: 0, new ConcurrentQueue<string>()));

            var error = await Assert.ThrowsAsync<SeedanceException>(() => client.GetTaskAsync("sd2_any"));

            Assert.Equal(SeedanceErrorCodes.NetworkError, error.ErrorCode);
            Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Retries_that_keep_the_caller_waiting_are_announced_as_warnings()
        {
            var port = ClosedPort();
            var warnings = new ConcurrentQueue<string>();
            var client = new SeedanceClient(Options(port, maxRetries: 4, warnings));

            await Assert.ThrowsAsync<SeedanceException>(() => client.GetTaskAsync("sd2_any"));

            // Four retries from 0.5 s wait at least 2.8 s in all: the later ones are announced, naming where and why.
            Assert.NotEmpty(warnings);
            Assert.All(warnings, line => Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal));
            Assert.All(warnings, line => Assert.StartsWith("Retrying in ", line, StringComparison.Ordinal));
        }

        private static SeedanceClientOptions Options(int port, int maxRetries, ConcurrentQueue<string> warnings) => new()
        {
            BaseUri = new Uri($"http://127.0.0.1:{port}/"),
            ApiKey = SandboxSession.Secure("sk_test_" + Guid.NewGuid().ToString("N")),
            MaxRetries = maxRetries,
            Warning = warnings.Enqueue,
        };

        private static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
