using System;
using System.Net;

namespace Seedance
{
    /// <summary>A call to the Seedance API that did not succeed: the one exception type the client throws for API failures.</summary>
    [Serializable]
    public class SeedanceException : Exception
    {
        /// <summary>Creates an exception for an API failure.</summary>
        public SeedanceException(string errorCode, string message, HttpStatusCode? status = null, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorCode = errorCode;
            Status = status;
        }

        /// <summary>The API's error code (for example <c>insufficient_credits</c>) or one of the client's own (see <see cref="SeedanceErrorCodes"/>).</summary>
        public string ErrorCode { get; }

        /// <summary>The HTTP status, when a response arrived.</summary>
        public HttpStatusCode? Status { get; }

        /// <summary>How long the API asked the caller to wait, when it said.</summary>
        public TimeSpan? RetryAfter { get; set; }

        /// <summary>The idempotency key of the submit this concerns.</summary>
        public string? IdempotencyKey { get; set; }

        /// <summary>The task this concerns.</summary>
        public string? TaskId { get; set; }

        /// <summary>The task in its last known state, when the failure concerns one (a failed task, a wait that timed out).</summary>
        public SeedanceTask? Task { get; set; }

        /// <summary>
        /// True when the API refused the request and did nothing with it (400, 401, 402, 403, 404, 429, a 409 for another
        /// body, with no attempt of the call lost or answered 5xx). A refused submit created no task and charged nothing.
        /// </summary>
        public bool Refused { get; set; }

        /// <summary>The request, as method and path (never headers), when one was sent.</summary>
        public string? Request { get; set; }
    }
}
