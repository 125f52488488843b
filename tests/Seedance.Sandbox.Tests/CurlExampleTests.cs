using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using Seedance.Sandbox.Tests.Infrastructure;
using Xunit;

namespace Seedance.Sandbox.Tests
{
    /// <summary>The two curl examples of the original page, sent byte for byte (host and key swapped).</summary>
    public sealed class CurlExampleTests
    {
        // The -d body of the page's submit example, line breaks included.
        private const string PageBody = "{\n\"mode\": \"text-to-video\",\n\"quality_tier\": \"standard\",\n\"prompt\": \"A cinematic shot of a glass train crossing a snowy mountain bridge\",\n\"aspect_ratio\": \"16:9\",\n\"duration\": \"5\",\n\"resolution\": \"720p\"\n}";

        [Fact]
        public async Task Page_submit_example_is_accepted_with_the_documented_202_body()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.Api.Url("api/v1/video/seedance2"));
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + sandbox.Host.Options.ApiKey);
            request.Headers.TryAddWithoutValidation("Idempotency-Key", "demo-video-001");
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(PageBody));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

            using var response = await sandbox.Api.Http.SendAsync(request);
            var body = await SandboxApi.ReadJsonAsync(response);

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.StartsWith("sd2_", body.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.Equal("processing", body.GetProperty("status").GetString());
            Assert.Equal("seedance2", body.GetProperty("model").GetString());
            Assert.Equal("standard", body.GetProperty("quality_tier").GetString());
            Assert.Equal("standard", body.GetProperty("channel").GetString());
            Assert.Equal(30, body.GetProperty("credits_used").GetInt32());
            Assert.Equal(
                new[] { "id", "status", "model", "quality_tier", "channel", "credits_used" },
                PropertyNames(body));
        }

        [Fact]
        public async Task Page_status_example_returns_the_documented_completed_body()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var id = await sandbox.Api.SubmitAcceptedAsync(PageBody, "demo-video-001");
            var finished = await sandbox.Api.WaitFinishedAsync(id);
            Assert.Equal("completed", finished.GetProperty("status").GetString());

            // curl https://…/api/v1/tasks/sd2_xxxxx -H "Authorization: Bearer $SEEDANCE_API_KEY"
            using var request = new HttpRequestMessage(HttpMethod.Get, sandbox.Api.Url("api/v1/tasks/" + id));
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + sandbox.Host.Options.ApiKey);
            using var response = await sandbox.Api.Http.SendAsync(request);
            var body = await SandboxApi.ReadJsonAsync(response);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(
                new[] { "id", "status", "model", "quality_tier", "channel", "credits_used", "credits_refunded", "output", "error", "created_at", "updated_at" },
                PropertyNames(body));
            Assert.Equal(id, body.GetProperty("id").GetString());
            Assert.Equal("completed", body.GetProperty("status").GetString());
            Assert.Equal("seedance2", body.GetProperty("model").GetString());
            Assert.Equal(30, body.GetProperty("credits_used").GetInt32());
            Assert.Equal(0, body.GetProperty("credits_refunded").GetInt32());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("error").ValueKind);
            var output = body.GetProperty("output");
            Assert.Equal(new[] { "video_url", "last_frame_url", "seed" }, PropertyNames(output));
            Assert.True(Uri.IsWellFormedUriString(output.GetProperty("video_url").GetString(), UriKind.Absolute));
            Assert.True(Uri.IsWellFormedUriString(output.GetProperty("last_frame_url").GetString(), UriKind.Absolute));
            Assert.True(output.GetProperty("seed").TryGetInt64(out _));
            var created = AssertTimestamp(body.GetProperty("created_at").GetString()!);
            var updated = AssertTimestamp(body.GetProperty("updated_at").GetString()!);
            Assert.True(updated >= created.AddMilliseconds(200), $"{created:O} -> {updated:O}");
        }

        internal static DateTime AssertTimestamp(string text)
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", text);
            return DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }

        private static string[] PropertyNames(System.Text.Json.JsonElement element)
        {
            var names = new System.Collections.Generic.List<string>();
            foreach (var property in element.EnumerateObject())
            {
                names.Add(property.Name);
            }

            return names.ToArray();
        }
    }
}
