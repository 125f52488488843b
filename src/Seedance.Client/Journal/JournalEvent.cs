using System;

namespace Seedance.Journal
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
        public const string SavedKind = "saved";

        public string Kind { get; set; } = string.Empty;
        public DateTimeOffset At { get; set; }
        public string? Key { get; set; }

        /// <summary>The exact body bytes, base64, so that a resubmit is byte-identical.</summary>
        public string? Body { get; set; }
        public string? BaseUri { get; set; }
        public string? TaskId { get; set; }
        public string? Status { get; set; }
        public string? Model { get; set; }
        public string? QualityTier { get; set; }
        public string? Channel { get; set; }
        public decimal? CreditsUsed { get; set; }
        public decimal? CreditsRefunded { get; set; }
        public string? VideoUrl { get; set; }
        public string? LastFrameUrl { get; set; }
        public long? Seed { get; set; }
        public string? ErrorCode { get; set; }
        public string? ErrorMessage { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
        public string? Path { get; set; }

        public static JournalEvent FromTask(string kind, string? key, SeedanceTask task, DateTimeOffset at) => new()
        {
            Kind = kind,
            At = at,
            Key = key,
            TaskId = task.Id,
            Status = task.Status,
            Model = task.Model,
            QualityTier = task.QualityTier,
            Channel = task.Channel,
            CreditsUsed = task.CreditsUsed,
            CreditsRefunded = task.CreditsRefunded,
            VideoUrl = task.VideoUrl,
            LastFrameUrl = task.LastFrameUrl,
            Seed = task.Seed,
            ErrorCode = task.Error?.Code,
            ErrorMessage = task.Error?.Message,
            CreatedAt = task.CreatedAt,
            UpdatedAt = task.UpdatedAt,
        };
    }
}
