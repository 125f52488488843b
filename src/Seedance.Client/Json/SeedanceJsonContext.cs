using System.Text.Json.Serialization;

namespace Seedance.Json
{
    /// <summary>The API's JSON conventions, in one place: snake_case names, unknown fields ignored, nulls not written.</summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(TaskResponse))]
    [JsonSerializable(typeof(ErrorEnvelope))]
    [JsonSerializable(typeof(Journal.JournalEvent))]
    internal sealed partial class SeedanceJsonContext : JsonSerializerContext
    {
    }
}
