using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Seedance.Client.Requests;

namespace Seedance.Client.Json
{
    /// <summary>
    /// The exact bytes of a submit body: written with canonical values, API field names, fixed order, omitted fields left
    /// out, once per logical request so that every retry resends them unchanged; and read back into the task they asked
    /// for, since the API does not echo the prompt, the resolution or the duration.
    /// </summary>
    internal static class RequestBody
    {
        /// <summary>
        /// The JSON body for <paramref name="request"/>: validated (every documented rule, once per submit) and
        /// canonicalised by <see cref="VideoRequestValidator.Canonical"/>, which throws
        /// <see cref="SeedanceValidationException"/> for a request that breaks a rule.
        /// </summary>
        public static byte[] Serialize(VideoRequest request)
        {
            request = VideoRequestValidator.Canonical(request);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                WriteOptional(writer, RequestFields.Mode, request.Mode);
                WriteOptional(writer, RequestFields.QualityTier, request.QualityTier);
                WriteOptional(writer, RequestFields.Channel, request.Channel);
                writer.WriteString(RequestFields.Prompt, request.Prompt);
                WriteOptional(writer, RequestFields.AspectRatio, request.AspectRatio);
                if (request.Duration is { } duration)
                {
                    writer.WriteString(RequestFields.Duration, duration.ToString(CultureInfo.InvariantCulture));
                }

                WriteOptional(writer, RequestFields.Resolution, request.Resolution);
                WriteOptional(writer, RequestFields.ImageUrl, request.ImageUrl);
                WriteOptional(writer, RequestFields.EndImageUrl, request.EndImageUrl);
                if (request.MediaUrls is { } media)
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

        /// <summary>
        /// The task as <paramref name="body"/> asked for it, with the API's defaults for what it left out: the values the
        /// API does not echo, for <see cref="SeedanceTask.FillFrom"/>. An unreadable or missing body yields the key alone.
        /// </summary>
        internal static SeedanceTask ReadBack(byte[]? body, string idempotencyKey, DateTimeOffset submittedAt, Uri? endpoint)
        {
            var asked = new SeedanceTask { IdempotencyKey = idempotencyKey, CreatedAt = submittedAt, Endpoint = endpoint };
            if (body is null)
            {
                return asked;
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                asked.Prompt = Text(root, RequestFields.Prompt);
                asked.QualityTier = Text(root, RequestFields.QualityTier) ?? SeedanceValues.DefaultQualityTier;
                asked.Channel = Text(root, RequestFields.Channel) ?? SeedanceValues.DefaultChannel;
                asked.Resolution = Text(root, RequestFields.Resolution) ?? SeedanceValues.DefaultResolution;
                asked.Duration = int.TryParse(Text(root, RequestFields.Duration), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : SeedanceValues.DefaultDuration;
            }
            catch (JsonException)
            {
                // Not a body this module wrote: the task is still listed, by its key.
            }

            return asked;
        }

        private static string? Text(JsonElement root, string field) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static void WriteOptional(Utf8JsonWriter writer, string field, string? value)
        {
            if (value is not null)
            {
                writer.WriteString(field, value);
            }
        }
    }
}
