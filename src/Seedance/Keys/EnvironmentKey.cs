using System.Security;

namespace Seedance.Keys
{
    /// <summary>
    /// The key from SEEDANCE_API_KEY as one SecureString for as long as the variable holds the same text: every cmdlet call
    /// reads the variable, and a new SecureString per call would also cost a new rate-budget fingerprint per call.
    /// </summary>
    internal sealed class EnvironmentKey
    {
        private static EnvironmentKey? _latest;

        private readonly string _text;
        private readonly SecureString _key;

        private EnvironmentKey(string text)
        {
            _text = text;
            _key = SecureText.From(text);
        }

        /// <summary>The read-only SecureString holding <paramref name="text"/>, the variable's current value.</summary>
        public static SecureString For(string text)
        {
            var latest = _latest;
            if (latest is null || !string.Equals(latest._text, text, StringComparison.Ordinal))
            {
                latest = new EnvironmentKey(text);
                _latest = latest;
            }

            return latest._key;
        }
    }
}
