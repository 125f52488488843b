using System;
using System.Text.Json;
using Seedance.Client.Json;

namespace Seedance.Client.Journal
{
    /// <summary>
    /// One line of the journal: a small fact about one submission, appended and never edited. The journal's tasks are
    /// these facts folded together when it is read.
    /// </summary>
    internal sealed class JournalEvent
    {
        public const string SubmittingKind = "submitting";
        public const string SubmittedKind = "submitted";
        public const string ObservedKind = "observed";
        public const string RefusedKind = "refused";

        public string Kind { get; set; } = string.Empty;
        public DateTimeOffset At { get; set; }
        public string? Key { get; set; }

        /// <summary>The exact body bytes (base64 in the file), so that a resubmit is byte-identical.</summary>
        public byte[]? Body { get; set; }
        public string? BaseUri { get; set; }

        /// <summary>The task as the API answered it (submitted, observed), in the shape of <see cref="SeedanceTask"/>.</summary>
        public SeedanceTask? Task { get; set; }

        /// <summary>Why the API refused a submission (refused), in the module's words: never the server's text, which may echo the key.</summary>
        public SeedanceTaskError? Refusal { get; set; }

        /// <summary>In lines written by 0.1.0, the task of a submitted or observed event.</summary>
        public string? TaskId { get; set; }

        // 0.1.0 wrote a task's fields flat on the event, its error as these two: kept so that its journals still read.
        public string? ErrorCode { get; set; }
        public string? ErrorMessage { get; set; }

        /// <summary>The id of the task this event concerns, if any.</summary>
        public string? AboutTask() => Task?.Id ?? TaskId;

        /// <summary>
        /// A submitted or observed line written by 0.1.0 holds the task's fields flat on the event, under the task's own
        /// names but for its id and error: <paramref name="payload"/> (the event's bytes) read as a task is that task.
        /// </summary>
        public void ReadFlatTask(ReadOnlySpan<byte> payload)
        {
            if (Task is not null || TaskId is null || Kind is not (SubmittedKind or ObservedKind))
            {
                return;
            }

            Task = JsonSerializer.Deserialize(payload, SeedanceJsonContext.Default.SeedanceTask) ?? new SeedanceTask();
            Task.Id = TaskId;
            Task.Error = ErrorMessage is null ? null : new SeedanceTaskError(ErrorCode, ErrorMessage);
            TaskId = null;
        }
    }
}
