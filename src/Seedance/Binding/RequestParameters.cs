using Seedance.Client.Requests;

namespace Seedance.Binding
{
    /// <summary>
    /// Which New-SeedanceVideo parameter carries each API field, so that errors name what the user typed and completers
    /// know which field a parameter is.
    /// </summary>
    internal static class RequestParameters
    {
        private static readonly KeyValuePair<string, string>[] FieldToParameter =
        {
            new(RequestFields.Prompt, "Prompt"),
            new(RequestFields.Mode, "Mode"),
            new(RequestFields.QualityTier, "QualityTier"),
            new(RequestFields.Channel, "Channel"),
            new(RequestFields.AspectRatio, "AspectRatio"),
            new(RequestFields.Duration, "Duration"),
            new(RequestFields.Resolution, "Resolution"),
            new(RequestFields.ImageUrl, "ImageUrl"),
            new(RequestFields.EndImageUrl, "EndImageUrl"),
            new(RequestFields.MediaUrls, "MediaUrl"),
            new(RequestFields.GenerateAudio, "NoAudio"),
            new(RequestFields.FixedLens, "FixedLens"),
            new(RequestFields.Seed, "Seed"),
            new(RequestFields.IdempotencyKey, "IdempotencyKey"),
        };

        /// <summary>The parameter that carries <paramref name="field"/>; the field itself when none does.</summary>
        public static string ParameterFor(string field) =>
            FieldToParameter.FirstOrDefault(pair => pair.Key == field).Value ?? field;

        /// <summary>The API field a parameter carries, or null.</summary>
        public static string? FieldFor(string parameter) =>
            FieldToParameter.FirstOrDefault(pair => string.Equals(pair.Value, parameter, StringComparison.OrdinalIgnoreCase)).Key;
    }
}
