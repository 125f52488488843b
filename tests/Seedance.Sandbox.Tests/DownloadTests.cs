using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Seedance.Sandbox.Tests.Infrastructure;
using Xunit;

namespace Seedance.Sandbox.Tests
{
    /// <summary>Result files at signed URLs: real media, ETag, ranges, expiry, and cut-off downloads.</summary>
    public sealed class DownloadTests
    {
        [Fact]
        public async Task Video_url_serves_an_mp4_equal_to_result_bytes_with_length_etag_and_ranges()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var (id, output) = await CompletedAsync(sandbox);

            using var response = await sandbox.Api.Http.GetAsync(output.GetProperty("video_url").GetString());
            var bytes = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("video/mp4", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
            Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
            Assert.Equal(sandbox.Host.ResultBytes(id), bytes);
            Assert.False(response.Headers.ETag!.IsWeak);
            Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        }

        [Fact]
        public async Task Last_frame_url_serves_a_png()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var (_, output) = await CompletedAsync(sandbox);

            using var response = await sandbox.Api.Http.GetAsync(output.GetProperty("last_frame_url").GetString());
            var bytes = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes.Take(8).ToArray());
            Assert.NotNull(response.Headers.ETag);
        }

        [Theory]
        [InlineData("bytes=0-99", 0, 100)]
        [InlineData("bytes=100-", 100, -1)]
        [InlineData("bytes=-50", -50, 50)]
        [InlineData("bytes=10-999999999", 10, -1)]
        public async Task Range_request_answers_206_with_content_range(string range, int start, int length)
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var (id, output) = await CompletedAsync(sandbox);
            var all = sandbox.Host.ResultBytes(id);
            var from = start < 0 ? all.Length + start : start;
            var count = length < 0 ? all.Length - from : length;
            using var request = new HttpRequestMessage(HttpMethod.Get, output.GetProperty("video_url").GetString());
            request.Headers.TryAddWithoutValidation("Range", range);

            using var response = await sandbox.Api.Http.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal($"bytes {from}-{from + count - 1}/{all.Length}", response.Content.Headers.ContentRange!.ToString());
            Assert.Equal(all.Skip(from).Take(count).ToArray(), bytes);
        }

        [Fact]
        public async Task Unsatisfiable_range_answers_416_with_the_length()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var (id, output) = await CompletedAsync(sandbox);
            var length = sandbox.Host.ResultBytes(id).Length;
            using var request = new HttpRequestMessage(HttpMethod.Get, output.GetProperty("video_url").GetString());
            request.Headers.Range = new RangeHeaderValue(length, null);

            using var response = await sandbox.Api.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
            Assert.Equal($"bytes */{length}", response.Content.Headers.ContentRange!.ToString());
        }

        [Fact]
        public async Task If_none_match_with_the_etag_answers_304()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var (_, output) = await CompletedAsync(sandbox);
            var url = output.GetProperty("video_url").GetString();
            using var first = await sandbox.Api.Http.GetAsync(url);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

            using var response = await sandbox.Api.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        }

        [Fact]
        public async Task Result_url_answers_403_after_its_lifetime_and_a_fresh_get_gives_a_working_url()
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
            await using var sandbox = await TestSandbox.StartAsync(o =>
            {
                o.Time = time;
                o.ResultUrlLifetime = TimeSpan.FromMinutes(5);
            });
            var id = await sandbox.Api.SubmitAcceptedAsync();
            time.Advance(sandbox.Host.Options.ProcessingTime);
            var old = await VideoUrlAsync(sandbox, id);

            time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
            using var lastMoment = await sandbox.Api.Http.GetAsync(old);
            time.Advance(TimeSpan.FromMilliseconds(1));
            using var expired = await sandbox.Api.Http.GetAsync(old);
            var fresh = await VideoUrlAsync(sandbox, id);
            using var renewed = await sandbox.Api.Http.GetAsync(fresh);

            Assert.Equal(HttpStatusCode.OK, lastMoment.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
            Assert.NotEqual(old, fresh);
            Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        }

        [Fact]
        public async Task Result_url_with_a_tampered_signature_answers_403()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var (_, output) = await CompletedAsync(sandbox);
            var url = output.GetProperty("video_url").GetString()!;
            var tampered = url[..^4] + (url.EndsWith("0000", StringComparison.Ordinal) ? "1111" : "0000");

            using var response = await sandbox.Api.Http.GetAsync(tampered);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        [Fact]
        public async Task Cut_download_aborts_after_the_given_bytes()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.VideoSize = 1_000_000);
            var (_, output) = await CompletedAsync(sandbox);
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.CutDownload, afterBytes: 300_000);

            using var response = await sandbox.Api.Http.GetAsync(output.GetProperty("video_url").GetString(), HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[16 * 1024];
            long received = 0;
            var failure = await Record.ExceptionAsync(async () =>
            {
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0)
                {
                    received += read;
                }
            });

            Assert.Equal(1_000_000, response.Content.Headers.ContentLength);
            Assert.NotNull(failure);
            Assert.Equal(300_000, received);
            Assert.Equal(0, sandbox.Host.RequestLog[^1].Status);
        }

        [Fact]
        public async Task Download_needs_no_api_key_and_its_bytes_are_deterministic_per_task()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.VideoSize = 100_000);
            var (a, outputA) = await CompletedAsync(sandbox);
            var (b, _) = await CompletedAsync(sandbox);
            using var anonymous = new HttpClient();

            var bytes = await anonymous.GetByteArrayAsync(outputA.GetProperty("video_url").GetString());

            Assert.Equal(100_000, bytes.Length);
            Assert.Equal(sandbox.Host.ResultBytes(a), bytes);
            Assert.NotEqual(sandbox.Host.ResultBytes(b), bytes);
        }

        [Fact]
        public async Task Head_request_gives_length_and_etag_without_a_body()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.VideoSize = 5_000_000);
            var (_, output) = await CompletedAsync(sandbox);
            using var request = new HttpRequestMessage(HttpMethod.Head, output.GetProperty("video_url").GetString());

            using var response = await sandbox.Api.Http.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(5_000_000, response.Content.Headers.ContentLength);
            Assert.NotNull(response.Headers.ETag);
            Assert.Empty(bytes);
        }

        [Fact]
        public async Task Fault_aimed_at_any_endpoint_also_hits_a_download()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var (_, output) = await CompletedAsync(sandbox);
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.ServiceBusy503, endpoint: SandboxEndpoint.Any);

            using var busy = await sandbox.Api.Http.GetAsync(output.GetProperty("video_url").GetString());
            using var ok = await sandbox.Api.Http.GetAsync(output.GetProperty("video_url").GetString());

            await SandboxApi.AssertErrorAsync(busy, 503, "service_busy");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        private static async Task<string> VideoUrlAsync(TestSandbox sandbox, string id)
        {
            using var status = await sandbox.Api.GetTaskAsync(id);
            var json = await SandboxApi.ReadJsonAsync(status);
            Assert.Equal("completed", json.GetProperty("status").GetString());
            return json.GetProperty("output").GetProperty("video_url").GetString()!;
        }

        internal static async Task<(string Id, JsonElement Output)> CompletedAsync(TestSandbox sandbox)
        {
            var id = await sandbox.Api.SubmitAcceptedAsync();
            var finished = await sandbox.Api.WaitFinishedAsync(id);
            Assert.Equal("completed", finished.GetProperty("status").GetString());
            return (id, finished.GetProperty("output"));
        }
    }
}
