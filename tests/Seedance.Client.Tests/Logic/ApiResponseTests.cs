using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Seedance.Client.Http;
using Xunit;

namespace Seedance.Client.Tests.Logic
{
    /// <summary>Reading an answer and addressing a request: Retry-After, the key a server echoes, the base URI's path.</summary>
    public sealed class ApiResponseTests
    {
        [Fact]
        public void Retry_after_is_read_as_seconds_or_as_an_http_date()
        {
            var now = new DateTimeOffset(2026, 6, 3, 10, 0, 0, TimeSpan.Zero);

            Assert.Equal(TimeSpan.FromSeconds(2), ApiResponse.ReadRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)), now));
            Assert.Equal(TimeSpan.FromSeconds(30), ApiResponse.ReadRetryAfter(new RetryConditionHeaderValue(now.AddSeconds(30)), now));
            Assert.Equal(TimeSpan.Zero, ApiResponse.ReadRetryAfter(new RetryConditionHeaderValue(now.AddSeconds(-30)), now));
            Assert.Null(ApiResponse.ReadRetryAfter(null, now));
        }

        [Fact]
        public void Retry_after_http_date_parses_from_the_header_text()
        {
            Assert.True(RetryConditionHeaderValue.TryParse("Wed, 03 Jun 2026 10:00:05 GMT", out var header));

            Assert.Equal(TimeSpan.FromSeconds(5), ApiResponse.ReadRetryAfter(header, new DateTimeOffset(2026, 6, 3, 10, 0, 0, TimeSpan.Zero)));
        }

        [Fact]
        public void Every_text_the_server_sends_has_the_presented_key_blanked()
        {
            const string Key = "sk_test_echoed_0123456789";
            using var message = new HttpResponseMessage(HttpStatusCode.Unauthorized) { ReasonPhrase = "Bad key " + Key };
            message.Headers.Location = new Uri("https://elsewhere.invalid/?key=" + Key);
            var body = Encoding.UTF8.GetBytes($"{{\"error\":{{\"code\":\"unauthorized\",\"message\":\"Incorrect API key provided: {Key}\"}}}}");

            var response = new ApiResponse(message, body, DateTimeOffset.UtcNow, Key);

            Assert.Equal("Incorrect API key provided: [redacted]", response.Error!.Message);
            Assert.Equal("Bad key [redacted]", response.ReasonPhrase);
            Assert.Equal("https://elsewhere.invalid/?key=[redacted]", response.Location);
            Assert.DoesNotContain(Key, Encoding.UTF8.GetString(response.Body), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("https://seedance2ai.io", "https://seedance2ai.io/api/v1/tasks/sd2_x")]
        [InlineData("http://127.0.0.1:5080/", "http://127.0.0.1:5080/api/v1/tasks/sd2_x")]
        [InlineData("http://127.0.0.1:5080/proxy", "http://127.0.0.1:5080/proxy/api/v1/tasks/sd2_x")]
        [InlineData("http://127.0.0.1:5080/proxy/", "http://127.0.0.1:5080/proxy/api/v1/tasks/sd2_x")]
        public void A_request_goes_under_the_base_uri_keeping_its_path(string baseUri, string expected)
        {
            Assert.Equal(expected, ApiCall.Address(new Uri(baseUri), "api/v1/tasks/sd2_x").AbsoluteUri);
        }
    }
}
