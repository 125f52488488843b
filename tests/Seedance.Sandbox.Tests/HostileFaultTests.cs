using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Sandbox.Tests.Infrastructure;
using Xunit;

namespace Seedance.Sandbox.Tests
{
    /// <summary>
    /// The faults of a hostile or broken server: stalled and dripping downloads, a huge Retry-After, redirects to
    /// another host, an oversized answer, and a 401 that echoes the key.
    /// </summary>
    public sealed class HostileFaultTests
    {
        [Fact]
        public async Task Stall_download_fault_sends_headers_and_its_bytes_then_nothing_until_the_client_hangs_up()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var (id, output) = await DownloadTests.CompletedAsync(sandbox);
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.StallDownload, afterBytes: 10);
            var all = sandbox.Host.ResultBytes(id);

            using (var response = await sandbox.Api.Http.GetAsync(output.GetProperty("video_url").GetString(), HttpCompletionOption.ResponseHeadersRead))
            {
                await using var body = await response.Content.ReadAsStreamAsync();
                var first = new byte[10];
                await body.ReadExactlyAsync(first);
                using var patience = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

                await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await body.ReadExactlyAsync(new byte[1], patience.Token));

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(all.Length, response.Content.Headers.ContentLength);
                Assert.Equal(all.Take(10).ToArray(), first);
            }

            var entry = await sandbox.LoggedAsync(r => r.Fault == SandboxFaultKind.StallDownload);
            Assert.True(entry.HungUp);
            Assert.Equal(200, entry.Status);
        }

        [Fact]
        public async Task Stall_download_fault_with_a_delay_cuts_the_connection_after_it()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var (_, output) = await DownloadTests.CompletedAsync(sandbox);
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.StallDownload, afterBytes: 5, delay: TimeSpan.FromMilliseconds(300));
            var clock = Stopwatch.StartNew();

            using var response = await sandbox.Api.Http.GetAsync(output.GetProperty("video_url").GetString(), HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var received = 0;
            var failure = await Record.ExceptionAsync(async () =>
            {
                int read;
                while ((read = await body.ReadAsync(new byte[1024])) > 0)
                {
                    received += read;
                }
            });

            Assert.IsAssignableFrom<IOException>(failure);
            Assert.Equal(5, received);
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), clock.Elapsed.ToString());
            var entry = await sandbox.LoggedAsync(r => r.Fault == SandboxFaultKind.StallDownload);
            Assert.Equal(0, entry.Status);
            Assert.False(entry.HungUp);
        }

        [Fact]
        public async Task Drip_download_fault_sends_one_byte_per_delay_and_the_right_bytes()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var (id, output) = await DownloadTests.CompletedAsync(sandbox);
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.DripDownload, afterBytes: 2, delay: TimeSpan.FromMilliseconds(150));
            using var request = new HttpRequestMessage(HttpMethod.Get, output.GetProperty("video_url").GetString());
            request.Headers.TryAddWithoutValidation("Range", "bytes=0-5");
            var clock = Stopwatch.StartNew();

            using var response = await sandbox.Api.Http.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal(sandbox.Host.ResultBytes(id).Take(6).ToArray(), bytes);
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(4 * 150 - 20), clock.Elapsed.ToString());
            var entry = await sandbox.LoggedAsync(r => r.Fault == SandboxFaultKind.DripDownload);
            Assert.Equal(206, entry.Status);
            Assert.True(entry.Duration >= TimeSpan.FromMilliseconds(4 * 150 - 20), entry.Duration.ToString());
        }

        [Fact]
        public async Task Rate_limited_fault_sends_a_huge_retry_after_and_has_no_effect()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.RateLimited429, retryAfterSeconds: 100_000);

            using var response = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody);

            await SandboxApi.AssertErrorAsync(response, 429, "rate_limited");
            Assert.Equal("100000", response.Headers.GetValues("Retry-After").Single());
            Assert.Empty(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
        }

        [Theory]
        [InlineData(SandboxFaultKind.Redirect307, 307)]
        [InlineData(SandboxFaultKind.Redirect302, 302)]
        public async Task Redirect_fault_points_at_the_same_path_on_the_other_port_and_has_no_effect(SandboxFaultKind kind, int status)
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(kind);
            using var handler = new HttpClientHandler { AllowAutoRedirect = false };
            using var http = new HttpClient(handler);
            using var request = sandbox.Api.SubmitRequest(SandboxApi.ValidBody, "redirected-1");

            using var response = await http.SendAsync(request);

            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal(new Uri(sandbox.Host.ElsewhereUri, SandboxApi.SubmitPath), response.Headers.Location);
            Assert.NotEqual(sandbox.Host.BaseUri.Port, sandbox.Host.ElsewhereUri.Port);
            Assert.Empty(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
            Assert.Empty(sandbox.Host.ElsewhereLog);
            var entry = Assert.Single(sandbox.Host.RequestLog);
            Assert.Equal((status, kind), (entry.Status, entry.Fault));
        }

        [Fact]
        public async Task Redirect_307_followed_reposts_body_and_idempotency_key_elsewhere_which_answers_with_a_task_nobody_paid_for()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.Redirect307);

            using var response = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "followed-1");
            var json = await SandboxApi.ReadJsonAsync(response);

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal("sd2_elsewhere00000000000", json.GetProperty("id").GetString());
            var elsewhere = Assert.Single(sandbox.Host.ElsewhereLog);
            Assert.Equal(("POST", "/" + SandboxApi.SubmitPath, "followed-1"), (elsewhere.Method, elsewhere.PathAndQuery, elsewhere.IdempotencyKey));
            Assert.Equal(Assert.Single(sandbox.Host.RequestLog).BodySha256, elsewhere.BodySha256);
            Assert.Empty(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
        }

        [Fact]
        public async Task Redirect_302_followed_turns_the_post_into_a_get_answered_with_a_task()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.Redirect302);

            using var response = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "followed-2");
            var json = await SandboxApi.ReadJsonAsync(response);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("sd2_elsewhere00000000000", json.GetProperty("id").GetString());
            var elsewhere = Assert.Single(sandbox.Host.ElsewhereLog);
            Assert.Equal(("GET", (string?)null), (elsewhere.Method, elsewhere.BodySha256));
        }

        [Fact]
        public async Task Redirect_fault_on_a_task_read_keeps_the_query_and_takes_a_location_of_its_own()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var elsewhere = new Uri("http://127.0.0.2:9/somewhere?x=1");
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.Redirect307, endpoint: SandboxEndpoint.Task);
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.Redirect307, endpoint: SandboxEndpoint.Task, location: elsewhere);
            using var handler = new HttpClientHandler { AllowAutoRedirect = false };
            using var http = new HttpClient(handler);

            using var first = await http.GetAsync(new Uri(sandbox.Host.BaseUri, "api/v1/tasks/sd2_none?probe=1"));
            using var second = await http.GetAsync(new Uri(sandbox.Host.BaseUri, "api/v1/tasks/sd2_none"));

            Assert.Equal(new Uri(sandbox.Host.ElsewhereUri, "api/v1/tasks/sd2_none?probe=1"), first.Headers.Location);
            Assert.Equal(elsewhere, second.Headers.Location);
        }

        [Fact]
        public async Task Oversized_body_fault_creates_and_charges_then_answers_valid_json_of_that_size_without_a_length()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            const long padding = 8L * 1024 * 1024;
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.OversizedBody, bodyBytes: padding);

            using var response = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "huge-1");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            using var document = JsonDocument.Parse(bytes);

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.True(response.Headers.TransferEncodingChunked);
            Assert.True(bytes.Length > padding, bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var charge = Assert.Single(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
            Assert.Equal(charge.TaskId, document.RootElement.GetProperty("id").GetString());
            Assert.Equal(charge.TaskId, await sandbox.Api.SubmitAcceptedAsync(SandboxApi.ValidBody, "huge-1"));
            Assert.Single(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
        }

        [Fact]
        public async Task Oversized_body_fault_lets_a_client_stop_reading_early()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.OversizedBody, endpoint: SandboxEndpoint.Task);

            using (var request = new HttpRequestMessage(HttpMethod.Get, sandbox.Api.Url("api/v1/tasks/sd2_none")))
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + sandbox.Api.ApiKey);
                using var response = await sandbox.Api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var body = await response.Content.ReadAsStreamAsync();
                await body.ReadExactlyAsync(new byte[1024 * 1024]);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }

            var entry = await sandbox.LoggedAsync(r => r.Fault == SandboxFaultKind.OversizedBody);
            Assert.Equal(404, entry.Status);
        }

        [Fact]
        public async Task Unauthorized_echoing_key_fault_echoes_the_presented_key_and_has_no_effect()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.UnauthorizedEchoingKey401);

            using var response = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, apiKey: "sk_live_mistyped0123");

            var message = await SandboxApi.AssertErrorAsync(response, 401, "unauthorized");
            Assert.StartsWith("Incorrect API key provided: sk_live_mistyped0123.", message, StringComparison.Ordinal);
            Assert.Empty(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
        }

        [Fact]
        public async Task Admin_endpoint_queues_the_new_kinds_with_their_parameters_and_lists_what_reached_elsewhere()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            await QueueAsync(sandbox, "{\"kind\":\"OversizedBody\",\"body_bytes\":1000}");
            await QueueAsync(sandbox, "{\"kind\":\"Redirect307\",\"endpoint\":\"Submit\"}");

            using var huge = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "admin-1");
            var text = await huge.Content.ReadAsStringAsync();
            using var followed = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "admin-2");
            var log = await SandboxApi.ReadJsonAsync(await sandbox.Api.Http.GetAsync(sandbox.Api.Url("_sandbox/log")));
            var elsewhere = await SandboxApi.ReadJsonAsync(await sandbox.Api.Http.GetAsync(sandbox.Api.Url("_sandbox/elsewhere")));

            Assert.Equal(1000, text.Length - text.TrimStart(' ').Length);
            Assert.Equal(new[] { "OversizedBody", "Redirect307" }, log.EnumerateArray().Select(e => e.GetProperty("fault").GetString()));
            Assert.True(log[0].GetProperty("duration_ms").GetDouble() >= 0);
            var entry = Assert.Single(elsewhere.EnumerateArray());
            Assert.Equal("admin-2", entry.GetProperty("idempotency_key").GetString());
            Assert.False(entry.GetProperty("authorization_sent").GetBoolean());
        }

        private static async Task QueueAsync(TestSandbox sandbox, string json)
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var queued = await sandbox.Api.Http.PostAsync(sandbox.Api.Url("_sandbox/faults"), content);
            Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        }
    }
}
