using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using Polly;
using Polly.Timeout;

namespace Seedance.Client.Http
{
    /// <summary>Which outcomes may be retried: the one home of that rule (an oversized answer or a cancelled call never is).</summary>
    internal static class RetryClassifier
    {
        /// <summary>Why <paramref name="outcome"/> may be retried (for the trace), or null when it must not be.</summary>
        public static string? RetryReason(Outcome<ApiResponse> outcome, ApiCall call, CancellationToken token)
        {
            if (outcome.Exception is { } exception)
            {
                return IsLost(exception, token) ? DescribeFault(exception, call) : null;
            }

            var response = outcome.Result!;
            var reason = $"{(int)response.Status} {response.ErrorCode}";
            return (int)response.Status switch
            {
                429 or 500 or 502 or 503 or 504 => reason,

                // The API gives 409 idempotency_conflict both for "same key, different body" and for "same key, first
                // request still running". Every attempt of a call sends the same key and the same bytes, so a 409 after
                // an attempt of this call was lost (timeout, dropped connection) is that attempt still running: retry.
                // A 409 with no lost attempt before it means the key was used before with another body: never retry.
                409 when call.IdempotencyKey is not null && call.EarlierAttemptLost => reason + ", the first attempt is still running",
                _ => null,
            };
        }

        /// <summary>True when the attempt may have reached the server and its answer did not reach us (timeout, connection refused, reset or lost, a cancellation <paramref name="token"/> did not ask for).</summary>
        public static bool IsLost(Exception exception, CancellationToken token) => exception switch
        {
            TimeoutRejectedException or HttpRequestException or IOException or SocketException or WebException => true,
            OperationCanceledException => !token.IsCancellationRequested,
            _ => false,
        };

        /// <summary>What went wrong, naming the host and port <paramref name="call"/> went to, as Invoke-RestMethod does.</summary>
        public static string DescribeFault(Exception exception, ApiCall call)
        {
            if (exception is TimeoutRejectedException timeout)
            {
                return $"no answer within {TraceFormatter.Seconds(timeout.Timeout)} from {call.Options.BaseUri.Authority}";
            }

            while (exception.InnerException is { } inner)
            {
                exception = inner;
            }

            return $"network error: {exception.Message.TrimEnd('.')} ({call.Options.BaseUri.Authority})";
        }
    }
}
