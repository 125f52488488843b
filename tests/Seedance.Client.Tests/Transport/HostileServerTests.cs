using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Client.Requests;
using Seedance.Requests;
using Xunit;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>What a broken or hostile API can and cannot do to a call.</summary>
    public sealed class HostileServerTests
    {
        private static readonly string Key = "sk_test_" + Guid.NewGuid().ToString("N");

        // 301, 302 and 303 are the redirects a client would follow with a GET, dropping the submit's body.
        [Theory]
        [InlineData(301)]
        [InlineData(302)]
        [InlineData(303)]
        [InlineData(307)]
        [InlineData(308)]
        public async Task A_redirect_is_an_error_naming_its_location_and_is_never_followed(int status)
        {
            await using var elsewhere = new HostileServer((_, stream) => HostileServer.WriteAsync(stream, 202, "{\"id\":\"sd2_stolen\",\"status\":\"processing\"}"));
            var location = new Uri(elsewhere.BaseUri, "api/v1/video/seedance2").AbsoluteUri;
            await using var api = new HostileServer((_, stream) => HostileServer.WriteAsync(stream, status, string.Empty, "Location: " + location));

            var error = await Assert.ThrowsAsync<SeedanceException>(() => Client(api).SubmitAsync(new VideoRequest { Prompt = "a fox in snow" }));

            Assert.Empty(elsewhere.Requests);
            Assert.Single(api.Requests);
            Assert.Equal((SeedanceErrorCodes.UnexpectedResponse, (System.Net.HttpStatusCode)status, null), (error.ErrorCode, error.Status, error.TaskId));
            Assert.Contains(location, error.Message, StringComparison.Ordinal);
            Assert.Contains("follow no redirect", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task An_oversized_answer_fails_clearly_and_is_not_retried(bool declared)
        {
            await using var api = new HostileServer(async (_, stream) =>
            {
                var length = declared ? "Content-Length: 1610612736\r\n" : "Transfer-Encoding: chunked\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\n{length}\r\n"));
                var chunk = new byte[64 * 1024];
                chunk.AsSpan().Fill((byte)' ');
                var frame = declared ? Array.Empty<byte>() : Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n");
                for (var sent = 0; sent < 8 * 1024 * 1024; sent += chunk.Length)
                {
                    await stream.WriteAsync(frame);
                    await stream.WriteAsync(chunk);
                    await stream.WriteAsync(declared ? Array.Empty<byte>() : "\r\n"u8.ToArray());
                }
            });

            var error = await Assert.ThrowsAsync<SeedanceException>(() => Client(api).SubmitAsync(new VideoRequest { Prompt = "a fox in snow" }));

            Assert.Single(api.Requests);
            Assert.Equal(SeedanceErrorCodes.UnexpectedResponse, error.ErrorCode);
            Assert.Contains("larger than 4 MiB", error.Message, StringComparison.Ordinal);
            Assert.Contains("not retried", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_key_echoed_by_the_server_never_appears_in_the_error()
        {
            await using var api = new HostileServer((request, stream) => HostileServer.WriteAsync(
                stream,
                401,
                $"{{\"error\":{{\"code\":\"unauthorized\",\"message\":\"Incorrect API key provided: {request.Headers["Authorization"]["Bearer ".Length..]}\"}}}}"));

            var error = await Assert.ThrowsAsync<SeedanceException>(() => Client(api).GetTaskAsync("sd2_any"));

            Assert.Equal(SeedanceErrorCodes.Unauthorized, error.ErrorCode);
            Assert.Equal("Incorrect API key provided: [redacted]", error.Message);
            Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_base_uri_with_a_path_keeps_it()
        {
            await using var api = new HostileServer((_, stream) => HostileServer.WriteAsync(stream, 200, "{\"id\":\"sd2_any\",\"status\":\"processing\"}"));

            await Client(api, new Uri(api.BaseUri, "proxy")).GetTaskAsync("sd2_any");

            var request = Assert.Single(api.Requests);
            Assert.Equal("/proxy/api/v1/tasks/sd2_any", request.Path);
        }

        [Theory]
        [InlineData(502)]
        [InlineData(504)]
        public async Task A_gateway_error_is_retried_like_500_and_503(int status)
        {
            var answered = 0;
            await using var api = new HostileServer((_, stream) => Interlocked.Increment(ref answered) == 1
                ? HostileServer.WriteAsync(stream, status, "{\"error\":{\"code\":\"bad_gateway\",\"message\":\"The upstream did not answer\"}}")
                : HostileServer.WriteAsync(stream, 200, "{\"id\":\"sd2_any\",\"status\":\"processing\"}"));

            var task = await Client(api).GetTaskAsync("sd2_any");

            Assert.Equal("sd2_any", task.Id);
            Assert.Equal(2, api.Requests.Count);
        }

        private static SeedanceClient Client(HostileServer api, Uri? baseUri = null) => new(new SeedanceClientOptions
        {
            BaseUri = baseUri ?? api.BaseUri,
            ApiKey = SandboxSession.Secure(Key),
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(1),
        });
    }
}
