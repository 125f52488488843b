using System;
using System.Text.Json;

namespace Seedance.Client.Json
{
    /// <summary>
    /// The API's task JSON (the submit's 202 and the status read's 200 share it) into a <see cref="SeedanceTask"/>: the
    /// one place a field of the wire is named beside the field of the model. A new task field is added here and in
    /// <see cref="SeedanceTask"/>, and nowhere else.
    /// </summary>
    internal static class TaskMapper
    {
        /// <summary>The task in <paramref name="json"/>, as the API at <paramref name="endpoint"/> answered it.</summary>
        public static SeedanceTask Read(byte[] json, Uri? endpoint = null)
        {
            WireTask? wire;
            try
            {
                wire = JsonSerializer.Deserialize(json, SeedanceJsonContext.Default.WireTask);
            }
            catch (JsonException e)
            {
                throw new SeedanceException(SeedanceErrorCodes.UnexpectedResponse, "The API sent a task that is not valid JSON.", innerException: e);
            }

            if (wire?.Id is not { Length: > 0 } id)
            {
                throw new SeedanceException(SeedanceErrorCodes.UnexpectedResponse, "The API sent a task without an id.");
            }

            return new SeedanceTask
            {
                Id = id,
                Status = wire.Status ?? TaskStatuses.Processing,
                Model = wire.Model,
                QualityTier = wire.QualityTier,
                Channel = wire.Channel,
                CreditsUsed = wire.CreditsUsed,
                CreditsRefunded = wire.CreditsRefunded,
                VideoUrl = wire.Output?.VideoUrl,
                LastFrameUrl = wire.Output?.LastFrameUrl,
                Seed = wire.Output?.Seed,
                Error = ReadError(wire.Error),
                CreatedAt = wire.CreatedAt,
                UpdatedAt = wire.UpdatedAt,
                Endpoint = endpoint,
            };
        }

        /// <summary>The API's error envelope, or null when the body is not one.</summary>
        public static ErrorBody? ReadErrorEnvelope(byte[] json)
        {
            try
            {
                return JsonSerializer.Deserialize(json, SeedanceJsonContext.Default.ErrorEnvelope)?.Error;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static SeedanceTaskError? ReadError(JsonElement? error) => error switch
        {
            { ValueKind: JsonValueKind.String } text => new SeedanceTaskError(null, text.GetString() ?? string.Empty),
            { ValueKind: JsonValueKind.Object } body => new SeedanceTaskError(
                body.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null,
                body.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() ?? string.Empty : body.GetRawText()),
            _ => null,
        };

        /// <summary>The task object as it arrives on the wire.</summary>
        internal sealed class WireTask
        {
            public string? Id { get; set; }
            public string? Status { get; set; }
            public string? Model { get; set; }
            public string? QualityTier { get; set; }
            public string? Channel { get; set; }
            public decimal? CreditsUsed { get; set; }
            public decimal? CreditsRefunded { get; set; }
            public WireOutput? Output { get; set; }
            public JsonElement? Error { get; set; }
            public DateTimeOffset? CreatedAt { get; set; }
            public DateTimeOffset? UpdatedAt { get; set; }
        }

        /// <summary>The <c>output</c> object of a finished task.</summary>
        internal sealed class WireOutput
        {
            public string? VideoUrl { get; set; }
            public string? LastFrameUrl { get; set; }
            public long? Seed { get; set; }
        }
    }
}
