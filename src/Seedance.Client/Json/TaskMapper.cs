using System.Text.Json;

namespace Seedance.Json
{
    /// <summary>Reads the API's task JSON into a <see cref="SeedanceTask"/>.</summary>
    internal static class TaskMapper
    {
        public static SeedanceTask Read(byte[] json)
        {
            TaskResponse? response;
            try
            {
                response = JsonSerializer.Deserialize(json, SeedanceJsonContext.Default.TaskResponse);
            }
            catch (JsonException e)
            {
                throw new SeedanceException(SeedanceErrorCodes.UnexpectedResponse, "The API sent a task that is not valid JSON.", innerException: e);
            }

            if (response?.Id is not { Length: > 0 } id)
            {
                throw new SeedanceException(SeedanceErrorCodes.UnexpectedResponse, "The API sent a task without an id.");
            }

            return new SeedanceTask
            {
                Id = id,
                Status = response.Status ?? TaskStatuses.Processing,
                Model = response.Model,
                QualityTier = response.QualityTier,
                Channel = response.Channel,
                CreditsUsed = response.CreditsUsed,
                CreditsRefunded = response.CreditsRefunded,
                VideoUrl = response.Output?.VideoUrl,
                LastFrameUrl = response.Output?.LastFrameUrl,
                Seed = response.Output?.Seed,
                Error = ReadError(response.Error),
                CreatedAt = response.CreatedAt,
                UpdatedAt = response.UpdatedAt,
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
    }
}
