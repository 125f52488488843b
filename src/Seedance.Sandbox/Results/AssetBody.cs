using System;
using System.Security.Cryptography;

namespace Seedance.Sandbox.Results
{
    /// <summary>A small committed file (the sample MP4, the last-frame PNG) served from memory.</summary>
    internal sealed class AssetBody : IResultBody
    {
        private readonly byte[] _bytes;

        public AssetBody(byte[] bytes, string contentType)
        {
            _bytes = bytes;
            ContentType = contentType;
            ETag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"";
        }

        public long Length => _bytes.Length;

        public string ETag { get; }

        public string ContentType { get; }

        public byte[] ToArray() => (byte[])_bytes.Clone();

        public void Fill(long offset, Span<byte> destination) =>
            _bytes.AsSpan((int)offset, destination.Length).CopyTo(destination);
    }
}
