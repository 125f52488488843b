using System;
using System.Net;

namespace Seedance
{
    /// <summary>
    /// A call to the Seedance API that did not succeed: the one exception type the client throws for API failures. It is
    /// made once, with everything known about the failure, and never changes after.
    /// </summary>
    [Serializable]
    public class SeedanceException : Exception
    {
        /// <summary>Creates an exception for a failure.</summary>
        /// <param name="errorCode">The API's error code, or one of <see cref="SeedanceErrorCodes"/>.</param>
        /// <param name="message">What happened and, where it helps, what to do next.</param>
        /// <param name="status">The HTTP status, when a response arrived.</param>
        /// <param name="innerException">The failure underneath, if any.</param>
        /// <param name="retryAfter">How long the API asked the caller to wait, when it said.</param>
        /// <param name="request">The request, as method and path (never headers).</param>
        /// <param name="idempotencyKey">The idempotency key of the submit this concerns.</param>
        /// <param name="taskId">The task this concerns; taken from <paramref name="task"/> when not given.</param>
        /// <param name="task">The task in its last known state (a failed task, a wait that timed out).</param>
        /// <param name="refused">True when the API refused the request and did nothing with it.</param>
        public SeedanceException(
            string errorCode,
            string message,
            HttpStatusCode? status = null,
            Exception? innerException = null,
            TimeSpan? retryAfter = null,
            string? request = null,
            string? idempotencyKey = null,
            string? taskId = null,
            SeedanceTask? task = null,
            bool refused = false)
            : base(message, innerException)
        {
            ErrorCode = errorCode;
            Status = status;
            RetryAfter = retryAfter;
            Request = request;
            IdempotencyKey = idempotencyKey ?? task?.IdempotencyKey;
            TaskId = taskId ?? task?.Id;
            Task = task;
            Refused = refused;
        }

        /// <summary>The API's error code (for example <c>insufficient_credits</c>) or one of the client's own (see <see cref="SeedanceErrorCodes"/>).</summary>
        public string ErrorCode { get; }

        /// <summary>The HTTP status, when a response arrived.</summary>
        public HttpStatusCode? Status { get; }

        /// <summary>How long the API asked the caller to wait, when it said.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>The idempotency key of the submit this concerns.</summary>
        public string? IdempotencyKey { get; }

        /// <summary>The task this concerns.</summary>
        public string? TaskId { get; }

        /// <summary>The task in its last known state, when the failure concerns one (a failed task, a wait that timed out).</summary>
        public SeedanceTask? Task { get; }

        /// <summary>
        /// True when the API refused the request and did nothing with it (400, 401, 402, 403, 404, 429, a 409 for another
        /// body, with no attempt of the call lost or answered 5xx). A refused submit created no task and charged nothing.
        /// </summary>
        public bool Refused { get; }

        /// <summary>The request, as method and path (never headers), when one was sent.</summary>
        public string? Request { get; }
    }
}
