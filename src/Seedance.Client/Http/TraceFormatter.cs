using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

namespace Seedance.Http
{
    /// <summary>
    /// The text of every trace line, in one place. Verbose lines say what happens (requests, retries, waits); debug lines
    /// show headers and bodies. The Authorization header is always written as <c>Bearer [redacted]</c>, and any
    /// occurrence of the key in a body is blanked as well.
    /// </summary>
    internal static class TraceFormatter
    {
        public const string Redacted = "[redacted]";

        /// <summary>A call kept waiting by its retries longer than this says why, as a warning, not only in -Verbose.</summary>
        public static readonly TimeSpan WarnAfter = TimeSpan.FromSeconds(2);

        /// <summary><c>POST /api/v1/video/seedance2 -> 202 Accepted (attempt 1, idempotency key sdps-…)</c></summary>
        public static string Response(AttemptHistory history, ApiResponse response)
        {
            var error = response.Error?.Code is { } code ? ": " + code : string.Empty;
            return $"{history.RequestLine} -> {(int)response.Status} {response.ReasonPhrase}{error} ({Attempt(history)})";
        }

        /// <summary><c>POST /api/v1/video/seedance2 -> network error: Connection refused (attempt 1, idempotency key sdps-…)</c></summary>
        public static string Fault(AttemptHistory history, Exception exception) =>
            $"{history.RequestLine} -> {RetryClassifier.DescribeFault(exception, history.Authority)} ({Attempt(history)})";

        /// <summary><c>Retrying in 2.0 s: 503 service_busy (attempt 2 of 7)</c></summary>
        public static string Retry(TimeSpan delay, string reason, int nextAttempt, int totalAttempts) =>
            $"Retrying in {Seconds(delay)}: {reason} (attempt {nextAttempt} of {totalAttempts})";

        /// <summary>Why a retryable failure is not retried: the wait would not fit in the retry budget.</summary>
        public static string OverBudget(TimeSpan delay, string reason, TimeSpan elapsed, TimeSpan budget) =>
            $"Not retrying {reason}: waiting {Seconds(delay)} would exceed the retry budget ({Seconds(elapsed)} of {Seconds(budget)} spent)";

        /// <summary><c>Waiting 1.3 s for the rate limit (30 requests per 60 s)</c></summary>
        public static string RateLimitWait(TimeSpan wait, int requests, TimeSpan window) =>
            $"Waiting {Seconds(wait)} for the rate limit ({requests} requests per {Seconds(window, "0.###")})";

        /// <summary>The request line, its headers (Authorization redacted) and its body.</summary>
        public static string RequestDetail(HttpRequestMessage message, byte[]? body, string? secret)
        {
            var text = new StringBuilder();
            text.Append(message.Method).Append(' ').Append(message.RequestUri);
            AppendHeaders(text, message.Headers);
            if (message.Content is not null)
            {
                AppendHeaders(text, message.Content.Headers);
            }

            AppendBody(text, body);
            return Redact(text.ToString(), secret);
        }

        /// <summary>The status line, the headers and the body of a response.</summary>
        public static string ResponseDetail(HttpResponseMessage response, byte[] body, string? secret)
        {
            var text = new StringBuilder();
            text.Append("HTTP ").Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase);
            AppendHeaders(text, response.Headers);
            AppendHeaders(text, response.Content.Headers);
            AppendBody(text, body);
            return Redact(text.ToString(), secret);
        }

        /// <summary>Blanks every occurrence of <paramref name="secret"/>.</summary>
        public static string Redact(string text, string? secret) =>
            string.IsNullOrEmpty(secret) ? text : text.Replace(secret, Redacted);

        /// <summary><c>2.0 s</c></summary>
        public static string Seconds(TimeSpan span, string format = "0.0") =>
            span.TotalSeconds.ToString(format, CultureInfo.InvariantCulture) + " s";

        private static string Attempt(AttemptHistory history) =>
            history.Request.IdempotencyKey is { } key
                ? $"attempt {history.Attempts}, idempotency key {key}"
                : $"attempt {history.Attempts}";

        private static void AppendHeaders(StringBuilder text, HttpHeaders headers)
        {
            foreach (var header in headers)
            {
                text.AppendLine().Append(header.Key).Append(": ").Append(HeaderValue(header));
            }
        }

        private static string HeaderValue(KeyValuePair<string, IEnumerable<string>> header)
        {
            if (string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase)
                || string.Equals(header.Key, "Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            {
                var value = header.Value.FirstOrDefault() ?? string.Empty;
                var space = value.IndexOf(' ');
                return space > 0 ? value.Substring(0, space) + " " + Redacted : Redacted;
            }

            return string.Join(", ", header.Value);
        }

        private static void AppendBody(StringBuilder text, byte[]? body)
        {
            if (body is { Length: > 0 })
            {
                text.AppendLine().AppendLine().Append(Encoding.UTF8.GetString(body));
            }
        }
    }
}
