using System;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Seedance.Sandbox.Api
{
    /// <summary>
    /// A body's canonical text (properties sorted, no whitespace), so that an idempotent retry matches its first
    /// request even if the client reformatted the JSON.
    /// </summary>
    internal static class CanonicalJson
    {
        public static string From(byte[] body)
        {
            using var document = JsonDocument.Parse(body);
            return Encoding.UTF8.GetString(Http.JsonResponses.Build(w => Write(w, document.RootElement)));
        }

        private static void Write(Utf8JsonWriter writer, JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                    {
                        writer.WritePropertyName(property.Name);
                        Write(writer, property.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in element.EnumerateArray())
                    {
                        Write(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    element.WriteTo(writer);
                    break;
            }
        }
    }
}
