using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using Seedance.Client.Http;

namespace Seedance.Client
{
    /// <summary>
    /// The text of every <see cref="SeedanceTrace"/> line, in one place. Verbose lines say what happens (requests,
    /// retries, waits); debug lines show headers and bodies. The Authorization header is always written as
    /// <c>Bearer [redacted]</c>, and any occurrence of the key in what a server sent is blanked as well.
    /// </summary>
    internal static class TraceFormatter
    {
        public const string Redacted = "[redacted]";

        /// <summary>A call kept waiting by its retries longer than this says why as a warning, not only in -Verbose.</summary>
        public static readonly TimeSpan WarnAfter = TimeSpan.FromSeconds(2);

        /// <summary><c>POST /api/v1/video/seedance2 -> 202 Accepted (attempt 1, idempotency key sdps-…)</c></summary>
        public static string Response(ApiCall call, ApiResponse response) =>
            $"{call.RequestLine} -> {(int)response.Status} {response.ReasonPhrase}{(response.Error?.Code is { } code ? ": " + code : string.Empty)} ({Attempt(call)})";

        /// <summary><c>GET /api/v1/tasks/sd2_x -> network error: Connection refused (127.0.0.1:5080) (attempt 1)</c></summary>
        public static string Fault(ApiCall call, Exception exception) =>
            $"{call.RequestLine} -> {RetryClassifier.DescribeFault(exception, call)} ({Attempt(call)})";

        /// <summary><c>Retrying in 2.0 s: 503 service_busy (attempt 2 of 7)</c></summary>
        public static string Retry(TimeSpan delay, string reason, int nextAttempt, int totalAttempts) =>
            $"Retrying in {Seconds(delay)}: {reason} (attempt {nextAttempt} of {totalAttempts})";

        public static string OverBudget(TimeSpan delay, string reason, TimeSpan elapsed, TimeSpan budget) =>
            $"Not retrying {reason}: waiting {Seconds(delay)} would exceed the retry budget ({Seconds(elapsed)} of {Seconds(budget)} spent)";

        /// <summary><c>Waiting 1.3 s for the rate limit (30 requests per 60 s)</c></summary>
        public static string RateLimitWait(TimeSpan wait, int requests, TimeSpan window) =>
            $"Waiting {Seconds(wait)} for the rate limit ({requests} requests per {Seconds(window, "0.###")})";

        public static string RequestDetail(HttpRequestMessage message, byte[]? body, string? secret) =>
            Detail($"{message.Method} {message.RequestUri}", message.Content is null ? message.Headers : message.Headers.Concat(message.Content.Headers), body, secret);

        public static string ResponseDetail(HttpResponseMessage response, byte[] body, string? secret) =>
            Detail($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", response.Headers.Concat(response.Content.Headers), body, secret);

        public static string? Redact(string? text, string? secret) =>
            text is null || string.IsNullOrEmpty(secret) ? text : text.Replace(secret, Redacted);

        /// <summary>UTF-8 text with every occurrence of <paramref name="secret"/> blanked; the same bytes when there is none.</summary>
        public static byte[] Redact(byte[] text, string? secret)
        {
            var decoded = string.IsNullOrEmpty(secret) || text.Length < secret!.Length ? null : Encoding.UTF8.GetString(text);
            return decoded is null || decoded.IndexOf(secret!, StringComparison.Ordinal) < 0 ? text : Encoding.UTF8.GetBytes(decoded.Replace(secret, Redacted));
        }

        /// <summary><c>2.0 s</c></summary>
        public static string Seconds(TimeSpan span, string format = "0.0") =>
            span.TotalSeconds.ToString(format, CultureInfo.InvariantCulture) + " s";

        private static string Attempt(ApiCall call) =>
            call.IdempotencyKey is { } key ? $"attempt {call.Attempts}, idempotency key {key}" : $"attempt {call.Attempts}";

        private static string Detail(string firstLine, IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, byte[]? body, string? secret)
        {
            var text = new StringBuilder(firstLine);
            foreach (var header in headers)
            {
                text.AppendLine().Append(header.Key).Append(": ").Append(HeaderValue(header.Key, header.Value));
            }

            if (body is { Length: > 0 })
            {
                text.AppendLine().AppendLine().Append(Encoding.UTF8.GetString(body));
            }

            return Redact(text.ToString(), secret)!;
        }

        /// <summary>Credentials keep their scheme (<c>Bearer</c>) and lose the rest, even where the key is not known here.</summary>
        private static string HeaderValue(string name, IEnumerable<string> values)
        {
            if (!name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && !name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            {
                return string.Join(", ", values);
            }

            var value = values.FirstOrDefault() ?? string.Empty;
            var space = value.IndexOf(' ');
            return space > 0 ? value.Substring(0, space + 1) + Redacted : Redacted;
        }
    }
}
