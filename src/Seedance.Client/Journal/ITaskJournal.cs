using System;

namespace Seedance.Client.Journal
{
    /// <summary>
    /// Where the client records what it submits and learns, so that no paid task is ever lost (the API cannot list tasks).
    /// Implementations must be safe for several threads and processes at once and must never store the API key.
    /// </summary>
    internal interface ITaskJournal
    {
        /// <summary>Called before the POST leaves: the key and the exact body bytes that every attempt will send, and where (never with user info).</summary>
        void Submitting(string idempotencyKey, byte[] body, Uri baseUri, DateTimeOffset at);

        /// <summary>Called when the API accepted the submit and returned its task.</summary>
        void Submitted(string idempotencyKey, SeedanceTask task);

        /// <summary>
        /// Called when the API refused the submit and did nothing with it (see <see cref="SeedanceException.Refused"/>): it
        /// created no task and charged nothing, so the submission is never listed as unconfirmed nor resent.
        /// </summary>
        void Refused(string idempotencyKey, SeedanceTaskError reason);

        /// <summary>Called whenever the client learns a task's state.</summary>
        void Observed(SeedanceTask task);
    }
}
