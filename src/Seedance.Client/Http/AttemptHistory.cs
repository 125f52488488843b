using System;
using System.Diagnostics;

namespace Seedance.Http
{
    /// <summary>What has happened so far in one call: how many attempts, whether one was lost, the retry planned next.</summary>
    internal sealed class AttemptHistory
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public AttemptHistory(ApiRequest request, string requestLine, Action<SeedanceTrace>? trace = null, string? authority = null, Action<string>? warning = null)
        {
            Request = request;
            RequestLine = requestLine;
            Trace = trace;
            Authority = authority;
            Warning = warning;
        }

        /// <summary>Host and port the call goes to, for errors about the network.</summary>
        public string? Authority { get; }

        /// <summary>Where a retry that keeps the caller waiting is announced; null when nobody would see it.</summary>
        public Action<string>? Warning { get; }

        public ApiRequest Request { get; }

        /// <summary>Method and path, for traces and errors.</summary>
        public string RequestLine { get; }

        /// <summary>Where this call's retries and waits are traced; null when nobody would see them.</summary>
        public Action<SeedanceTrace>? Trace { get; }

        /// <summary>Attempts started so far.</summary>
        public int Attempts { get; set; }

        /// <summary>
        /// True once an attempt of this call timed out or lost its connection: the server may still be working on it, so a
        /// later <c>409 idempotency_conflict</c> means "still running", not "different body".
        /// </summary>
        public bool EarlierAttemptLost { get; set; }

        /// <summary>True once an attempt was answered 5xx: the server may have acted on it before it failed.</summary>
        public bool ServerFailed { get; set; }

        /// <summary>The wait before the next attempt, decided with the retry itself.</summary>
        public TimeSpan PlannedDelay { get; set; }

        /// <summary>Why the next attempt happens, for its trace line.</summary>
        public string? PlannedReason { get; set; }

        /// <summary>Time spent on this call so far, waits included.</summary>
        public TimeSpan Elapsed => _clock.Elapsed;
    }
}
