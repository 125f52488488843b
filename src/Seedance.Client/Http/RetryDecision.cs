using System;

namespace Seedance.Http
{
    /// <summary>Why an attempt may be repeated, and the wait the server dictated, if it did.</summary>
    internal sealed class RetryDecision
    {
        public RetryDecision(string reason, TimeSpan? requiredWait = null)
        {
            Reason = reason;
            RequiredWait = requiredWait;
        }

        /// <summary>For the trace: <c>503 service_busy</c>, <c>network error: …</c>.</summary>
        public string Reason { get; }

        /// <summary>The exact wait a <c>429</c> asked for with <c>Retry-After</c>; null means back off.</summary>
        public TimeSpan? RequiredWait { get; }
    }
}
