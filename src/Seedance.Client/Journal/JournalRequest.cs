using System.Globalization;
using System.Text.Json;
using Seedance.Requests;

namespace Seedance.Journal
{
    /// <summary>What a journaled body asked for, read back from its bytes, with the API's documented defaults filled in.</summary>
    public sealed class JournalRequest
    {
        // The API's defaults for fields a body leaves out (api-contract.md, submit body table).
        private const string DefaultQualityTier = "standard";
        private const string DefaultChannel = "standard";
        private const string DefaultResolution = "720p";
        private const int DefaultDuration = 5;

        internal static JournalRequest Unknown { get; } = new(null, null, null, null, null);

        private JournalRequest(string? prompt, string? qualityTier, string? channel, string? resolution, int? duration)
        {
            Prompt = prompt;
            QualityTier = qualityTier;
            Channel = channel;
            Resolution = resolution;
            Duration = duration;
        }

        /// <summary>The prompt.</summary>
        public string? Prompt { get; }

        /// <summary>The quality tier.</summary>
        public string? QualityTier { get; }

        /// <summary>The channel.</summary>
        public string? Channel { get; }

        /// <summary>The resolution.</summary>
        public string? Resolution { get; }

        /// <summary>The duration in seconds.</summary>
        public int? Duration { get; }

        internal static JournalRequest Parse(byte[] body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                return new JournalRequest(
                    Text(root, RequestFields.Prompt),
                    Text(root, RequestFields.QualityTier) ?? DefaultQualityTier,
                    Text(root, RequestFields.Channel) ?? DefaultChannel,
                    Text(root, RequestFields.Resolution) ?? DefaultResolution,
                    int.TryParse(Text(root, RequestFields.Duration), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : DefaultDuration);
            }
            catch (JsonException)
            {
                return Unknown;
            }
        }

        private static string? Text(JsonElement root, string field) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
