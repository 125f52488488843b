using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Xunit;

namespace Seedance.Client.Tests.Logic
{
    public sealed class TraceFormatterTests
    {
        private const string Key = "sk_test_do_not_print_me";

        [Fact]
        public void Request_detail_shows_headers_and_body_with_the_authorization_redacted()
        {
            var body = Encoding.UTF8.GetBytes("{\"prompt\":\"A glass train\"}");
            using var message = new Http.ApiCall(HttpMethod.Post, "api/v1/video/seedance2", body, "sdps-abc", null, new SeedanceClientOptions { BaseUri = new Uri("http://127.0.0.1:5000/"), ApiKey = Transport.SandboxSession.Secure(Key) }).CreateMessage();

            var text = TraceFormatter.RequestDetail(message, body, Key);

            Assert.Contains("POST http://127.0.0.1:5000/api/v1/video/seedance2", text, StringComparison.Ordinal);
            Assert.Contains("Authorization: Bearer [redacted]", text, StringComparison.Ordinal);
            Assert.Contains("Idempotency-Key: sdps-abc", text, StringComparison.Ordinal);
            Assert.Contains("Content-Type: application/json", text, StringComparison.Ordinal);
            Assert.Contains("{\"prompt\":\"A glass train\"}", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        }

        [Fact]
        public void An_authorization_header_without_a_scheme_is_redacted_whole()
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/");
            message.Headers.TryAddWithoutValidation("Authorization", Key);

            var text = TraceFormatter.RequestDetail(message, null, null);

            Assert.Contains("Authorization: [redacted]", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        }

        [Fact]
        public void A_key_echoed_in_a_response_body_is_blanked()
        {
            using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized) { Content = new ByteArrayContent(Array.Empty<byte>()) };
            var body = Encoding.UTF8.GetBytes("{\"error\":{\"code\":\"unauthorized\",\"message\":\"key " + Key + " was revoked\"}}");

            var text = TraceFormatter.ResponseDetail(response, body, Key);

            Assert.StartsWith("HTTP 401 Unauthorized", text, StringComparison.Ordinal);
            Assert.Contains("key [redacted] was revoked", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        }

        [Fact]
        public void Verbose_lines_name_the_request_the_status_the_attempt_and_the_idempotency_key()
        {
            var call = FakeResponses.Submit();
            call.Attempts = 1;

            Assert.Equal("POST /api/v1/video/seedance2 -> 202 Accepted (attempt 1, idempotency key sdps-test)", TraceFormatter.Response(call, FakeResponses.Accepted()));
            Assert.Equal("POST /api/v1/video/seedance2 -> 503 Service Unavailable: service_busy (attempt 1, idempotency key sdps-test)", TraceFormatter.Response(call, FakeResponses.Error(503, "service_busy")));
            Assert.Equal("Retrying in 2.0 s: 503 service_busy (attempt 2 of 7)", TraceFormatter.Retry(TimeSpan.FromSeconds(2), "503 service_busy", 2, 7));
            Assert.Equal("Waiting 1.3 s for the rate limit (30 requests per 60 s)", TraceFormatter.RateLimitWait(TimeSpan.FromSeconds(1.3), 30, TimeSpan.FromSeconds(60)));
        }

        [Fact]
        public void A_network_fault_line_names_the_cause()
        {
            var call = FakeResponses.Read();
            call.Attempts = 2;

            var line = TraceFormatter.Fault(call, new HttpRequestException("outer", new System.IO.IOException("Connection reset by peer")));

            Assert.Equal("GET /api/v1/tasks/sd2_x -> network error: Connection reset by peer (seedance2ai.io) (attempt 2)", line);
        }
    }
}
