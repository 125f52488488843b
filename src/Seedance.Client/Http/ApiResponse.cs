using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using Seedance.Json;

namespace Seedance.Http
{
    /// <summary>What one attempt got back: status, the whole body, and the wait the API asked for.</summary>
    internal sealed class ApiResponse
    {
        private ApiResponse(HttpStatusCode status, string? reasonPhrase, byte[] body, TimeSpan? retryAfter)
        {
            Status = status;
            ReasonPhrase = reasonPhrase;
            Body = body;
            RetryAfter = retryAfter;
            Error = IsSuccess ? null : TaskMapper.ReadErrorEnvelope(body);
        }

        public HttpStatusCode Status { get; }

        public string? ReasonPhrase { get; }

        public byte[] Body { get; }

        /// <summary>The <c>Retry-After</c> header as a wait from the moment the response arrived.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>The API's error envelope on a failure, when the body is one.</summary>
        public ErrorBody? Error { get; }

        public bool IsSuccess => (int)Status >= 200 && (int)Status < 300;

        /// <summary>The API's error code, else the status number.</summary>
        public string ErrorCode => Error?.Code ?? ((int)Status).ToString(System.Globalization.CultureInfo.InvariantCulture);

        public static ApiResponse From(HttpResponseMessage response, byte[] body, DateTimeOffset now) =>
            new(response.StatusCode, response.ReasonPhrase, body, ReadRetryAfter(response.Headers.RetryAfter, now));

        /// <summary><c>Retry-After</c> is either whole seconds or an HTTP date; a date in the past means no wait.</summary>
        public static TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
        {
            { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };
    }
}
