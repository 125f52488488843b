using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Seedance.Client.Http;

namespace Seedance.Client.Tests.Logic
{
    /// <summary>API answers built in memory, as the sender would build them from the wire, and calls to classify them in.</summary>
    internal static class FakeResponses
    {
        public static ApiResponse Error(int status, string code, TimeSpan? retryAfter = null)
        {
            using var message = new HttpResponseMessage((HttpStatusCode)status);
            if (retryAfter is { } wait)
            {
                message.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
            }

            var body = Encoding.UTF8.GetBytes($"{{\"error\":{{\"code\":\"{code}\",\"message\":\"{code} happened\"}}}}");
            return new ApiResponse(message, body, DateTimeOffset.UtcNow);
        }

        public static ApiResponse Accepted()
        {
            using var message = new HttpResponseMessage(HttpStatusCode.Accepted);
            return new ApiResponse(message, Encoding.UTF8.GetBytes("{\"id\":\"sd2_fake\",\"status\":\"processing\"}"), DateTimeOffset.UtcNow);
        }

        public static ApiCall Submit(bool earlierAttemptLost = false) =>
            new(HttpMethod.Post, "api/v1/video/seedance2", Encoding.UTF8.GetBytes("{\"prompt\":\"abc\"}"), "sdps-test", null, Options())
            {
                EarlierAttemptLost = earlierAttemptLost,
            };

        public static ApiCall Read() => new(HttpMethod.Get, "api/v1/tasks/sd2_x", null, null, "sd2_x", Options());

        private static SeedanceClientOptions Options() => new() { ApiKey = Transport.SandboxSession.Secure("sk_test_fake") };
    }
}
