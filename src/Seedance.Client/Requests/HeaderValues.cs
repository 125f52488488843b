using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using Seedance.Requests;

namespace Seedance.Client.Requests
{
    /// <summary>
    /// The rules for the two values the client sends in headers, checked before anything is journaled or sent: HTTP
    /// headers carry printable ASCII only, and a stray character would otherwise fail (or reach the server) after the
    /// submission was journaled.
    /// </summary>
    internal static class HeaderValues
    {
        /// <summary>The longest idempotency key accepted (the common industry bound).</summary>
        public const int MaxIdempotencyKeyLength = 255;

        /// <summary>The longest API key accepted.</summary>
        public const int MaxApiKeyLength = 512;

        /// <summary>What is wrong with <paramref name="key"/> as an Idempotency-Key header, or null when it may be sent.</summary>
        public static RequestProblem? IdempotencyKeyProblem(string key)
        {
            var why = key.Length == 0 || key.Length > MaxIdempotencyKeyLength
                ? string.Format(CultureInfo.InvariantCulture, "it has {0} characters", key.Length)
                : key[0] == ' ' || key[key.Length - 1] == ' ' ? "it starts or ends with a space"
                : FirstUnprintable(key) is { } at ? $"character {at + 1} is {Describe(key[at])}"
                : null;
            return why is null
                ? null
                : new RequestProblem(
                    RequestFields.IdempotencyKey,
                    string.Format(CultureInfo.InvariantCulture, "The idempotency key '{0}' cannot be sent: {1}. It must be 1 to {2} printable ASCII characters, without a space at either end.", Escaped(key), why, MaxIdempotencyKeyLength));
        }

        /// <summary>
        /// The key to send: <paramref name="key"/> without the spaces or line breaks around it (a key pasted or read from a
        /// file often carries one), still a SecureString. Throws when what is left is empty, too long, or holds a
        /// character a header cannot carry; the message names where keys come from, never the key.
        /// </summary>
        public static SecureString ApiKey(SecureString key)
        {
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(key);
            try
            {
                int start = 0, end = key.Length;
                while (start < end && char.IsWhiteSpace(CharAt(pointer, start)))
                {
                    start++;
                }

                while (end > start && char.IsWhiteSpace(CharAt(pointer, end - 1)))
                {
                    end--;
                }

                string? why = end == start ? "it is empty" : end - start > MaxApiKeyLength ? string.Format(CultureInfo.InvariantCulture, "it has {0} characters", end - start) : null;
                for (var i = start; why is null && i < end; i++)
                {
                    if (!IsPrintable(CharAt(pointer, i)))
                    {
                        why = string.Format(CultureInfo.InvariantCulture, "character {0} is {1}", i - start + 1, Describe(CharAt(pointer, i)));
                    }
                }

                if (why is not null)
                {
                    throw new SeedanceException(
                        SeedanceErrorCodes.InvalidConfiguration,
                        string.Format(CultureInfo.InvariantCulture, "The API key cannot be sent: {0}. A key is 1 to {1} printable ASCII characters; give it again (-ApiKey, Set-SeedanceApiKey or SEEDANCE_API_KEY) without the stray character.", why, MaxApiKeyLength));
                }

                if (start == 0 && end == key.Length)
                {
                    return key;
                }

                var trimmed = new SecureString();
                for (var i = start; i < end; i++)
                {
                    trimmed.AppendChar(CharAt(pointer, i));
                }

                trimmed.MakeReadOnly();
                return trimmed;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        private static char CharAt(IntPtr pointer, int index) => (char)Marshal.ReadInt16(pointer, index * 2);

        private static bool IsPrintable(char c) => c >= ' ' && c <= '~';

        private static int? FirstUnprintable(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (!IsPrintable(text[i]))
                {
                    return i;
                }
            }

            return null;
        }

        private static string Describe(char c) =>
            c < ' ' || c == '\u007f' ? string.Format(CultureInfo.InvariantCulture, "a control character (U+{0:X4})", (int)c) : string.Format(CultureInfo.InvariantCulture, "not ASCII (U+{0:X4})", (int)c);

        /// <summary>The key as it can be shown on one line: control and non-ASCII characters as <c>\uXXXX</c>.</summary>
        private static string Escaped(string text)
        {
            var shown = new StringBuilder(text.Length);
            foreach (var c in text.Length > 64 ? text.Substring(0, 64) + "…" : text)
            {
                shown.Append(IsPrintable(c) || c == '…' ? c.ToString() : string.Format(CultureInfo.InvariantCulture, "\\u{0:X4}", (int)c));
            }

            return shown.ToString();
        }
    }
}
