using System;

namespace Seedance.Sandbox.Results
{
    /// <summary>The bytes of one result file, readable at any offset so that ranges and large bodies stream.</summary>
    internal interface IResultBody
    {
        long Length { get; }

        /// <summary>A strong entity tag, quoted.</summary>
        string ETag { get; }

        string ContentType { get; }

        /// <summary>Copies the bytes starting at <paramref name="offset"/> into <paramref name="destination"/>.</summary>
        void Fill(long offset, Span<byte> destination);
    }
}
