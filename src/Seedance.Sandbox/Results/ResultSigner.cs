using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Seedance.Sandbox.Results
{
    /// <summary>Signs result URLs with a per-sandbox secret and an expiry, like a CDN's pre-signed links.</summary>
    internal sealed class ResultSigner : IDisposable
    {
        private readonly HMACSHA256 _hmac = new(RandomNumberGenerator.GetBytes(32));
        private readonly object _sync = new();

        public string Sign(string taskId, string file, long expiresUnixMs)
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{taskId}/{file}/{expiresUnixMs}");
            lock (_sync)
            {
                return Convert.ToHexStringLower(_hmac.ComputeHash(Encoding.UTF8.GetBytes(text)));
            }
        }

        public bool Verify(string taskId, string file, long expiresUnixMs, string signature)
        {
            var expected = Encoding.ASCII.GetBytes(Sign(taskId, file, expiresUnixMs));
            return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
        }

        public void Dispose() => _hmac.Dispose();
    }
}
