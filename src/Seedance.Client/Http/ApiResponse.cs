using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using Seedance.Client.Json;

namespace Seedance.Client.Http
{
    /// <summary>What one attempt got back: status, the whole body, the wait the API asked for, and where a redirect points.</summary>
    internal sealed class ApiResponse
    {
        /// <summary>An API answer is a few hundred bytes: a broken or hostile server must not fill the memory.</summary>
        public const int MaxBodyBytes = 4 * 1024 * 1024;

        /// <summary>The answer, with <paramref name="secret"/> (the key, which a server may echo) blanked from every text the server sent.</summary>
        public ApiResponse(HttpResponseMessage response, byte[] body, DateTimeOffset now, string? secret = null)
        {
            Status = response.StatusCode;
            ReasonPhrase = TraceFormatter.Redact(response.ReasonPhrase, secret);
            Body = TraceFormatter.Redact(body, secret);
            RetryAfter = ReadRetryAfter(response.Headers.RetryAfter, now);
            Location = TraceFormatter.Redact(response.Headers.Location?.OriginalString, secret);
            Error = IsSuccess ? null : TaskMapper.ReadErrorEnvelope(Body);
        }

        public HttpStatusCode Status { get; }

        public string? ReasonPhrase { get; }

        public byte[] Body { get; }

        /// <summary>The <c>Retry-After</c> header as a wait from the moment the response arrived.</summary>
        public TimeSpan? RetryAfter { get; }

        public string? Location { get; }

        public ErrorBody? Error { get; }

        public bool IsSuccess => (int)Status is >= 200 and < 300;

        public bool IsRedirect => (int)Status is >= 300 and < 400;

        public string ErrorCode => Error?.Code ?? ((int)Status).ToString(CultureInfo.InvariantCulture);

        /// <summary><c>Retry-After</c> is either whole seconds or an HTTP date; a date in the past means no wait.</summary>
        public static TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
        {
            { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };
    }
}
