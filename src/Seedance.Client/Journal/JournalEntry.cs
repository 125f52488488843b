using System;
using Seedance.Client.Json;

namespace Seedance.Client.Journal
{
    /// <summary>One submission as the journal knows it: what was sent, the task it created, and its latest known state.</summary>
    internal sealed class JournalEntry
    {
        /// <summary>The status shown for a submission whose response never arrived: its task id is not known yet.</summary>
        public const string UnconfirmedStatus = "unconfirmed";

        /// <summary>The status shown for a submission the API refused: it created no task and charged nothing.</summary>
        public const string RefusedStatus = "refused";


        internal JournalEntry(string idempotencyKey, DateTimeOffset submittedAt)
        {
            IdempotencyKey = idempotencyKey;
            SubmittedAt = submittedAt;
            LastChangedAt = submittedAt;
        }

        /// <summary>The key every attempt of this submission sent.</summary>
        public string IdempotencyKey { get; }

        /// <summary>Where it was sent: the base URI, without user info.</summary>
        public Uri? BaseUri { get; internal set; }

        /// <summary>When the first attempt was about to leave.</summary>
        public DateTimeOffset SubmittedAt { get; internal set; }

        /// <summary>When the journal last learned something about it.</summary>
        public DateTimeOffset LastChangedAt { get; internal set; }

        /// <summary>How many times the body was sent (first submit plus recoveries).</summary>
        public int Attempts { get; internal set; }

        /// <summary>The task id, once a response arrived; null while unconfirmed.</summary>
        public string? TaskId => State?.Id;

        /// <summary>False when the submit's response never arrived: run Resume-SeedanceTask to recover the task.</summary>
        public bool IsConfirmed => State is not null;

        /// <summary>
        /// True when the API refused every attempt of the submission (400, 401, 402, 403, a 409 for another body): it
        /// created no task and charged nothing, so it is neither unconfirmed nor ever resent. One attempt whose answer was
        /// lost keeps it unconfirmed, since that one may have created the task.
        /// </summary>
        public bool IsRefused => State is null && Refusals > 0 && Refusals >= Attempts;

        /// <summary>True when the submission may have created a task whose id is unknown: Resume-SeedanceTask recovers it.</summary>
        public bool IsUnconfirmed => State is null && !IsRefused;

        /// <summary>True once the task completed or failed.</summary>
        public bool IsFinished => State?.IsFinished == true;


        /// <summary>The exact body bytes that were sent, as the journal holds them.</summary>
        internal byte[]? Body { get; set; }

        /// <summary>How many attempts the API refused.</summary>
        internal int Refusals { get; set; }

        /// <summary>Why the API refused the last refused attempt.</summary>
        internal SeedanceTaskError? Refusal { get; set; }

        /// <summary>The task as the API last reported it; null while unconfirmed.</summary>
        internal SeedanceTask? State { get; set; }

        /// <summary>A copy of the exact body bytes that were sent, or null when the journal does not hold them.</summary>
        public byte[]? GetBody() => Body is null ? null : (byte[])Body.Clone();

        /// <summary>
        /// The entry as a task for the pipeline (Wait-SeedanceTask, Save-SeedanceVideo bind its <c>Id</c>): the API's last
        /// answer, filled in with what the body asked for; before any answer, the body alone, <c>unconfirmed</c> (or
        /// <c>refused</c>, with the reason as its error).
        /// </summary>
        public SeedanceTask ToTask()
        {
            var asked = RequestBody.ReadBack(Body, IdempotencyKey, SubmittedAt, BaseUri);
            if (State is { } state)
            {
                return state.Copy().FillFrom(asked);
            }

            asked.Status = IsRefused ? RefusedStatus : UnconfirmedStatus;
            asked.Error = IsRefused ? Refusal : null;
            return asked;
        }
    }
}
