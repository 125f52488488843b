using System;

namespace Seedance.Http
{
    /// <summary>Turns the last outcome of a call that did not succeed into the one exception type callers see.</summary>
    internal static class SeedanceExceptionFactory
    {
        /// <summary>The API answered with an error status.</summary>
        public static SeedanceException FromResponse(AttemptHistory history, ApiResponse response) =>
            Decorate(
                new SeedanceException(
                    response.ErrorCode,
                    response.Error?.Message is { Length: > 0 } message ? message : $"The API answered {(int)response.Status} {response.ReasonPhrase}.",
                    response.Status)
                {
                    RetryAfter = response.RetryAfter,
                },
                history);

        /// <summary>No answer arrived: every attempt timed out or lost its connection (the last one is the inner exception).</summary>
        public static SeedanceException FromFault(AttemptHistory history, Exception exception)
        {
            var timeout = RetryClassifier.IsTimeout(exception);
            var what = RetryClassifier.DescribeFault(exception, history.Authority);
            return Decorate(
                new SeedanceException(
                    timeout ? SeedanceErrorCodes.RequestTimeout : SeedanceErrorCodes.NetworkError,
                    $"{history.RequestLine} failed after {Attempts(history.Attempts)}: {what}.",
                    innerException: exception),
                history);
        }

        /// <summary>Names the request (and its idempotency key or task) in an error about it.</summary>
        public static SeedanceException Decorate(SeedanceException exception, AttemptHistory history)
        {
            exception.Request = history.RequestLine;
            exception.IdempotencyKey = history.Request.IdempotencyKey;
            exception.TaskId = history.Request.TaskId;
            exception.Refused = RetryClassifier.IsRefusal(exception.Status, history);
            return exception;
        }

        private static string Attempts(int count) => count == 1 ? "1 attempt" : $"{count} attempts";
    }
}
