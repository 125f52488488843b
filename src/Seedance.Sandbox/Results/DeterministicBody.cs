using System;
using System.Buffers.Binary;
using System.Globalization;

namespace Seedance.Sandbox.Results
{
    /// <summary>
    /// A large pseudo-random body computed from a seed and the offset (SplitMix64 per 8-byte word), so any range of
    /// any size is produced on the fly and never held in memory.
    /// </summary>
    internal sealed class DeterministicBody : IResultBody
    {
        private readonly ulong _seed;

        public DeterministicBody(string taskId, long length)
        {
            _seed = (ulong)StableHash(taskId);
            Length = length;
            ETag = string.Create(CultureInfo.InvariantCulture, $"\"{taskId}-{length}\"");
        }

        public long Length { get; }

        public string ETag { get; }

        public string ContentType => "video/mp4";

        public void Fill(long offset, Span<byte> destination)
        {
            Span<byte> word = stackalloc byte[8];
            var position = offset;
            var written = 0;
            while (written < destination.Length)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(word, Mix(_seed + (ulong)(position / 8)));
                var within = (int)(position % 8);
                var take = Math.Min(8 - within, destination.Length - written);
                word.Slice(within, take).CopyTo(destination.Slice(written));
                written += take;
                position += take;
            }
        }

        internal static long StableHash(string text)
        {
            var hash = 1469598103934665603UL;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            return (long)hash;
        }

        private static ulong Mix(ulong index)
        {
            var z = index * 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
