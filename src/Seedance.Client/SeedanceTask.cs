using System;
using System.Text.Json.Serialization;
using Seedance.Client;

namespace Seedance
{
    /// <summary>
    /// A video job as the API last reported it, plus what this machine knows about how it was asked for. The API's task
    /// JSON becomes this type in one place (<see cref="Client.Json.TaskMapper"/>), and the journal stores it as it is.
    /// </summary>
    public sealed class SeedanceTask
    {
        /// <summary>The API's task id (for example <c>sd2_xxxxx</c>).</summary>
        public string Id { get; set; } = string.Empty;

        /// <summary><c>processing</c>, <c>completed</c>, <c>failed</c>, or any newer status the API reports, kept as text.</summary>
        public string Status { get; set; } = TaskStatuses.Processing;

        /// <summary>The model that renders the job (<c>seedance2</c>).</summary>
        public string? Model { get; set; }

        /// <summary>Quality tier.</summary>
        public string? QualityTier { get; set; }

        /// <summary>Rendering channel.</summary>
        public string? Channel { get; set; }

        /// <summary>Resolution asked for, where known (the API does not echo it).</summary>
        public string? Resolution { get; set; }

        /// <summary>Duration asked for in seconds, where known (the API does not echo it).</summary>
        public int? Duration { get; set; }

        /// <summary>Credits charged on submit.</summary>
        public decimal? CreditsUsed { get; set; }

        /// <summary>Credits given back (for example on failure).</summary>
        public decimal? CreditsRefunded { get; set; }

        /// <summary>Where the finished video can be downloaded; such URLs expire.</summary>
        public string? VideoUrl { get; set; }

        /// <summary>Where the last frame (an image) can be downloaded.</summary>
        public string? LastFrameUrl { get; set; }

        /// <summary>The seed the video was rendered with.</summary>
        public long? Seed { get; set; }

        /// <summary>Why the task failed, when it did.</summary>
        public SeedanceTaskError? Error { get; set; }

        /// <summary>When the API created the task.</summary>
        public DateTimeOffset? CreatedAt { get; set; }

        /// <summary>When the API last changed the task.</summary>
        public DateTimeOffset? UpdatedAt { get; set; }

        /// <summary>The prompt, where known.</summary>
        public string? Prompt { get; set; }

        /// <summary>The idempotency key of the submit that created the task, where known.</summary>
        public string? IdempotencyKey { get; set; }

        /// <summary>
        /// The API address the task was made on (the base URI, without user info): a task id means something there only,
        /// and credits spent on a sandbox are never the real account's.
        /// </summary>
        public Uri? Endpoint { get; set; }

        /// <summary>True once the task is <c>completed</c> or <c>failed</c>.</summary>
        [JsonIgnore]
        public bool IsFinished => IsCompleted || IsFailed;

        /// <summary>True when the video is ready.</summary>
        [JsonIgnore]
        public bool IsCompleted => string.Equals(Status, TaskStatuses.Completed, StringComparison.OrdinalIgnoreCase);

        /// <summary>True when the task failed.</summary>
        [JsonIgnore]
        public bool IsFailed => string.Equals(Status, TaskStatuses.Failed, StringComparison.OrdinalIgnoreCase);

        /// <summary>Time from creation to the last update when finished, else to now.</summary>
        [JsonIgnore]
        public TimeSpan? Elapsed => CreatedAt is { } created ? (IsFinished && UpdatedAt is { } updated ? updated : DateTimeOffset.UtcNow) - created : null;

        /// <inheritdoc />
        public override string ToString() => Id;

        /// <summary>A task known by its id alone (Wait-SeedanceTask -Id): the first read fills in the rest.</summary>
        internal static SeedanceTask WithId(string id) => new() { Id = id };

        /// <summary>A copy whose fields can be filled in without changing this task.</summary>
        internal SeedanceTask Copy() => (SeedanceTask)MemberwiseClone();

        /// <summary>
        /// Fills in each field this task does not know from <paramref name="earlier"/>: what the API never echoes (the
        /// prompt, the idempotency key, the resolution and duration asked for, the endpoint) and what a shorter answer leaves out (a
        /// submit's answer has no creation time). The one home of that rule: submit, resume, the waiter and the journal
        /// all use it, so a new field is added here and nowhere else.
        /// </summary>
        /// <returns>This task.</returns>
        internal SeedanceTask FillFrom(SeedanceTask earlier)
        {
            Model ??= earlier.Model;
            QualityTier ??= earlier.QualityTier;
            Channel ??= earlier.Channel;
            Resolution ??= earlier.Resolution;
            Duration ??= earlier.Duration;
            CreditsUsed ??= earlier.CreditsUsed;
            CreditsRefunded ??= earlier.CreditsRefunded;
            VideoUrl ??= earlier.VideoUrl;
            LastFrameUrl ??= earlier.LastFrameUrl;
            Seed ??= earlier.Seed;
            Error ??= earlier.Error;
            CreatedAt ??= earlier.CreatedAt;
            UpdatedAt ??= earlier.UpdatedAt;
            Prompt ??= earlier.Prompt;
            IdempotencyKey ??= earlier.IdempotencyKey;
            Endpoint ??= earlier.Endpoint;
            return this;
        }
    }
}
