using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Seedance.Client.Json;

namespace Seedance.Client.Journal
{
    /// <summary>
    /// The on-disk shape of one event: <c>{"sum":"…","event":{…}}</c> and a newline. The checksum covers the event's exact
    /// bytes, so a torn or hand-edited line is recognised and skipped instead of being folded into a task.
    /// </summary>
    internal static class JournalLine
    {
        private const string SumProperty = "sum";
        private const string EventProperty = "event";
        private const int SumBytes = 8;

        // The exact layout Encode writes, so that reading a line it wrote needs no JSON pass over the envelope.
        private static readonly byte[] Head = Encoding.UTF8.GetBytes("{\"" + SumProperty + "\":\"");
        private static readonly byte[] Neck = Encoding.UTF8.GetBytes("\",\"" + EventProperty + "\":");

        public static byte[] Encode(JournalEvent journalEvent)
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(journalEvent, SeedanceJsonContext.Default.JournalEvent);
            using var sha = SHA256.Create();
            var prefix = Encoding.UTF8.GetBytes("{\"" + SumProperty + "\":\"" + Checksum(sha, payload, 0, payload.Length) + "\",\"" + EventProperty + "\":");
            var line = new byte[prefix.Length + payload.Length + 2];
            Buffer.BlockCopy(prefix, 0, line, 0, prefix.Length);
            Buffer.BlockCopy(payload, 0, line, prefix.Length, payload.Length);
            line[line.Length - 2] = (byte)'}';
            line[line.Length - 1] = (byte)'\n';
            return line;
        }

        /// <summary>
        /// The event in <paramref name="content"/>[<paramref name="start"/>, +<paramref name="length"/>) (a line without its
        /// newline), or null with the reason in <paramref name="problem"/>. <paramref name="sha"/> is reused across lines.
        /// </summary>
        public static JournalEvent? TryDecode(byte[] content, int start, int length, HashAlgorithm sha, out string? problem)
        {
            try
            {
                if (TrySplit(content, start, length, out var sum, out var payloadStart, out var payloadLength))
                {
                    var sumMatches = SumMatches(content, sum, sha.ComputeHash(content, payloadStart, payloadLength));
                    return Checked(sumMatches, new ReadOnlySpan<byte>(content, payloadStart, payloadLength), out problem);
                }

                return TryDecodeAnyLayout(new ReadOnlyMemory<byte>(content, start, length), sha, out problem);
            }
            catch (JsonException)
            {
                problem = "it is not valid JSON";
                return null;
            }
        }

        /// <summary>Finds the sum and the event of a line in exactly the layout <see cref="Encode"/> writes.</summary>
        private static bool TrySplit(byte[] content, int start, int length, out int sum, out int payloadStart, out int payloadLength)
        {
            sum = start + Head.Length;
            payloadStart = sum + (2 * SumBytes) + Neck.Length;
            payloadLength = start + length - 1 - payloadStart;
            return payloadLength > 0
                && content[start + length - 1] == (byte)'}'
                && content[payloadStart] == (byte)'{'
                && Matches(content, start, Head)
                && Matches(content, sum + (2 * SumBytes), Neck);
        }

        /// <summary>A line in another layout (its whitespace edited by hand, say): the envelope is read as JSON, then checked the same way.</summary>
        private static JournalEvent? TryDecodeAnyLayout(ReadOnlyMemory<byte> line, HashAlgorithm sha, out string? problem)
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
            var sumMatches = string.Equals(sum.GetString(), Checksum(sha, payload, 0, payload.Length), StringComparison.Ordinal);
            return Checked(sumMatches, payload, out problem);
        }

        private static JournalEvent? Checked(bool sumMatches, ReadOnlySpan<byte> payload, out string? problem)
        {
            if (!sumMatches)
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

            decoded.ReadFlatTask(payload);
            problem = null;
            return decoded;
        }

        private static bool Matches(byte[] content, int at, byte[] expected)
        {
            if (at < 0 || at + expected.Length > content.Length)
            {
                return false;
            }

            for (var i = 0; i < expected.Length; i++)
            {
                if (content[at + i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether the 16 lower-case hex characters at <paramref name="sum"/> spell the first 8 bytes of <paramref name="hash"/>.</summary>
        private static bool SumMatches(byte[] content, int sum, byte[] hash)
        {
            for (var i = 0; i < SumBytes; i++)
            {
                if (content[sum + (2 * i)] != Hex(hash[i] >> 4) || content[sum + (2 * i) + 1] != Hex(hash[i] & 0xF))
                {
                    return false;
                }
            }

            return true;
        }

        private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);

        private static string Checksum(HashAlgorithm sha, byte[] payload, int offset, int count)
        {
            var hash = sha.ComputeHash(payload, offset, count);
            var text = new StringBuilder(2 * SumBytes);
            for (var i = 0; i < SumBytes; i++)
            {
                text.Append((char)Hex(hash[i] >> 4)).Append((char)Hex(hash[i] & 0xF));
            }

            return text.ToString();
        }
    }
}
