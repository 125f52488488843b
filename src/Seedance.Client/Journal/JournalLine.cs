using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Seedance.Json;

namespace Seedance.Journal
{
    /// <summary>
    /// The on-disk shape of one event: <c>{"sum":"…","event":{…}}</c> and a newline. The checksum covers the event's exact
    /// bytes, so a torn or hand-edited line is recognised and skipped instead of being folded into a task.
    /// </summary>
    internal static class JournalLine
    {
        private const string SumProperty = "sum";
        private const string EventProperty = "event";

        public static byte[] Encode(JournalEvent journalEvent)
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(journalEvent, SeedanceJsonContext.Default.JournalEvent);
            var prefix = Encoding.UTF8.GetBytes("{\"" + SumProperty + "\":\"" + Checksum(payload) + "\",\"" + EventProperty + "\":");
            var line = new byte[prefix.Length + payload.Length + 2];
            Buffer.BlockCopy(prefix, 0, line, 0, prefix.Length);
            Buffer.BlockCopy(payload, 0, line, prefix.Length, payload.Length);
            line[line.Length - 2] = (byte)'}';
            line[line.Length - 1] = (byte)'\n';
            return line;
        }

        /// <summary>The event a line holds, or null with the reason when the line is damaged.</summary>
        public static JournalEvent? TryDecode(string line, out string? problem)
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty(SumProperty, out var sum) || sum.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty(EventProperty, out var body) || body.ValueKind != JsonValueKind.Object)
                {
                    problem = "it is not a journal event";
                    return null;
                }

                var payload = Encoding.UTF8.GetBytes(body.GetRawText());
                if (!string.Equals(sum.GetString(), Checksum(payload), StringComparison.Ordinal))
                {
                    problem = "its checksum does not match (the line was changed or damaged)";
                    return null;
                }

                var decoded = JsonSerializer.Deserialize(payload, SeedanceJsonContext.Default.JournalEvent);
                if (decoded is null || decoded.Kind.Length == 0)
                {
                    problem = "it is not a journal event";
                    return null;
                }

                problem = null;
                return decoded;
            }
            catch (JsonException)
            {
                problem = "it is not valid JSON";
                return null;
            }
        }

        private static string Checksum(byte[] payload)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(payload);
            var text = new StringBuilder(16);
            for (var i = 0; i < 8; i++)
            {
                text.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }
    }
}
