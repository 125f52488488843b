using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Seedance.Http;

namespace Seedance.Client.Tests.Logic
{
    /// <summary>API answers built in memory, as the sender would build them from the wire.</summary>
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
            return ApiResponse.From(message, body, DateTimeOffset.UtcNow);
        }

        public static ApiResponse Accepted()
        {
            using var message = new HttpResponseMessage(HttpStatusCode.Accepted);
            return ApiResponse.From(message, Encoding.UTF8.GetBytes("{\"id\":\"sd2_fake\",\"status\":\"processing\"}"), DateTimeOffset.UtcNow);
        }

        public static AttemptHistory Submit(bool earlierAttemptLost = false, Action<SeedanceTrace>? trace = null) =>
            new(ApiRequest.Submit("sdps-test", Encoding.UTF8.GetBytes("{\"prompt\":\"abc\"}")), "POST /api/v1/video/seedance2", trace)
            {
                EarlierAttemptLost = earlierAttemptLost,
            };

        public static AttemptHistory Read() => new(ApiRequest.GetTask("sd2_x"), "GET /api/v1/tasks/sd2_x");
    }
}
