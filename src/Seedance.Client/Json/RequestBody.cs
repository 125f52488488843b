using System.Globalization;
using System.IO;
using System.Text.Json;
using Seedance.Requests;

namespace Seedance.Json
{
    /// <summary>
    /// Writes the exact bytes of a submit body: canonical values, API field names, fixed order, omitted fields left out.
    /// The bytes are made once per logical request so that every retry resends them unchanged.
    /// </summary>
    public static class RequestBody
    {
        /// <summary>The JSON body for <paramref name="request"/>, which must already be valid.</summary>
        public static byte[] Serialize(VideoRequest request)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                var mode = request.EffectiveMode;
                if (request.Mode is not null || mode != "text-to-video")
                {
                    writer.WriteString(RequestFields.Mode, mode);
                }

                WriteChoice(writer, RequestFields.QualityTier, request.QualityTier);
                WriteChoice(writer, RequestFields.Channel, request.Channel);
                writer.WriteString(RequestFields.Prompt, request.Prompt);
                WriteChoice(writer, RequestFields.AspectRatio, request.AspectRatio);
                if (request.Duration is { } duration)
                {
                    writer.WriteString(RequestFields.Duration, duration.ToString(CultureInfo.InvariantCulture));
                }

                WriteChoice(writer, RequestFields.Resolution, request.Resolution);
                WriteOptional(writer, RequestFields.ImageUrl, request.ImageUrl);
                WriteOptional(writer, RequestFields.EndImageUrl, request.EndImageUrl);
                if (request.MediaUrls is { Count: > 0 } media)
                {
                    writer.WriteStartArray(RequestFields.MediaUrls);
                    foreach (var url in media)
                    {
                        writer.WriteStringValue(url);
                    }

                    writer.WriteEndArray();
                }

                if (request.GenerateAudio is { } audio)
                {
                    writer.WriteBoolean(RequestFields.GenerateAudio, audio);
                }

                if (request.FixedLens is { } fixedLens)
                {
                    writer.WriteBoolean(RequestFields.FixedLens, fixedLens);
                }

                if (request.Seed is { } seed)
                {
                    writer.WriteNumber(RequestFields.Seed, seed);
                }

                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        private static void WriteChoice(Utf8JsonWriter writer, string field, string? value)
        {
            if (value is not null)
            {
                writer.WriteString(field, SeedanceValues.Canonical(SeedanceValues.AllowedValues(field)!, value) ?? value);
            }
        }

        private static void WriteOptional(Utf8JsonWriter writer, string field, string? value)
        {
            if (value is not null)
            {
                writer.WriteString(field, value);
            }
        }
    }
}
