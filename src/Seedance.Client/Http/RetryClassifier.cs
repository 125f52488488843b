using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using Polly;
using Polly.Timeout;

namespace Seedance.Http
{
    /// <summary>
    /// Which outcomes may be retried: the one home of that rule. Retried: 429 (after <c>Retry-After</c>), 500, 503,
    /// attempts that timed out, network faults, and a 409 that means "the first request is still running". Never: 400,
    /// 401, 402, 404, a 409 that means "different body", or anything after the caller cancelled.
    /// </summary>
    internal static class RetryClassifier
    {
        /// <summary>Why <paramref name="outcome"/> may be retried, or null when it must not be.</summary>
        public static RetryDecision? Classify(Outcome<ApiResponse> outcome, AttemptHistory history, CancellationToken callerToken)
        {
            if (outcome.Exception is { } exception)
            {
                return IsTimeout(exception) || IsNetworkFault(exception, callerToken)
                    ? new RetryDecision(DescribeFault(exception, history.Authority))
                    : null;
            }

            var response = outcome.Result!;
            var reason = $"{(int)response.Status} {response.ErrorCode}";
            return (int)response.Status switch
            {
                429 => new RetryDecision(reason, response.RetryAfter),
                500 or 503 => new RetryDecision(reason),

                // The API gives 409 idempotency_conflict both for "same key, different body" and for "same key, first
                // request still running". Every attempt of a call sends the same key and the same bytes, so a 409 after
                // an attempt of this call was lost (timeout, dropped connection) is that attempt still running: retry.
                // A 409 with no lost attempt before it means the key was used before with another body: never retry.
                409 when history.Request.IsSubmit && history.EarlierAttemptLost => new RetryDecision(reason + ", the first attempt is still running"),
                _ => null,
            };
        }

        /// <summary>
        /// True when the API certainly did nothing with the call: its last answer was 4xx (or no attempt left this machine,
        /// refused by the rate governor), and no attempt went unanswered or was answered 5xx, either of which may have been
        /// acted on. A refused submit created no task and charged nothing: it is recorded so, and never resent.
        /// </summary>
        public static bool IsRefusal(HttpStatusCode? status, AttemptHistory history) =>
            status is { } code && (int)code >= 400 && (int)code < 500 && !history.EarlierAttemptLost && !history.ServerFailed;

        /// <summary>True for an attempt that got no answer within <see cref="SeedanceClientOptions.AttemptTimeout"/>.</summary>
        public static bool IsTimeout(Exception exception) => exception is TimeoutRejectedException;

        /// <summary>True for a connection refused, reset or lost mid-response, and for a cancellation the caller did not ask for.</summary>
        public static bool IsNetworkFault(Exception exception, CancellationToken callerToken) => exception switch
        {
            HttpRequestException or IOException or SocketException or WebException => true,
            OperationCanceledException => !callerToken.IsCancellationRequested,
            _ => false,
        };

        /// <summary>True when the attempt may have reached the server without its answer reaching us.</summary>
        public static bool IsLost(Exception exception, CancellationToken callerToken) => IsTimeout(exception) || IsNetworkFault(exception, callerToken);

        /// <summary>What went wrong, naming <paramref name="authority"/> (host and port) as Invoke-RestMethod does.</summary>
        public static string DescribeFault(Exception exception, string? authority = null)
        {
            return exception switch
            {
                TimeoutRejectedException timeout => $"no answer within {TraceFormatter.Seconds(timeout.Timeout)}" + (authority is null ? string.Empty : $" from {authority}"),
                _ => $"network error: {Innermost(exception).Message.TrimEnd('.')}" + (authority is null ? string.Empty : $" ({authority})"),
            };
        }

        private static Exception Innermost(Exception exception)
        {
            while (exception.InnerException is { } inner)
            {
                exception = inner;
            }

            return exception;
        }
    }
}
