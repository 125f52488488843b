using System.Text.Json.Serialization;

namespace Seedance.Client.Json
{
    /// <summary>
    /// The JSON conventions, in one place: snake_case names, unknown fields ignored, nulls not written. The journal's
    /// events use them too, so a task is journaled in the shape of <see cref="SeedanceTask"/> itself.
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(TaskMapper.WireTask))]
    [JsonSerializable(typeof(ErrorEnvelope))]
    [JsonSerializable(typeof(Journal.JournalEvent))]
    [JsonSerializable(typeof(SeedanceTask))]
    internal sealed partial class SeedanceJsonContext : JsonSerializerContext
    {
    }
}
