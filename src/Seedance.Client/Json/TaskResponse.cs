using System;
using System.Text.Json;

namespace Seedance.Json
{
    /// <summary>The API's task object as it arrives on the wire (submit 202 and status 200 share it).</summary>
    internal sealed class TaskResponse
    {
        public string? Id { get; set; }
        public string? Status { get; set; }
        public string? Model { get; set; }
        public string? QualityTier { get; set; }
        public string? Channel { get; set; }
        public decimal? CreditsUsed { get; set; }
        public decimal? CreditsRefunded { get; set; }
        public TaskOutput? Output { get; set; }
        public JsonElement? Error { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
    }

    /// <summary>The <c>output</c> object of a finished task.</summary>
    internal sealed class TaskOutput
    {
        public string? VideoUrl { get; set; }
        public string? LastFrameUrl { get; set; }
        public long? Seed { get; set; }
    }

    /// <summary>The one error shape: <c>{ "error": { "code": …, "message": … } }</c>.</summary>
    internal sealed class ErrorEnvelope
    {
        public ErrorBody? Error { get; set; }
    }

    /// <summary>The inside of <see cref="ErrorEnvelope"/>.</summary>
    internal sealed class ErrorBody
    {
        public string? Code { get; set; }
        public string? Message { get; set; }
    }
}
