using System.Globalization;

namespace Seedance.Sandbox.Results
{
    /// <summary>One satisfiable byte range of a body of known length.</summary>
    internal readonly record struct ByteRange(long Start, long Length)
    {
        public long End => Start + Length - 1;

        /// <summary>
        /// Reads a <c>Range</c> header. Null header, several ranges or a malformed one: serve the whole body
        /// (RFC 9110 lets a server ignore them). <paramref name="unsatisfiable"/> is set when no byte is in range.
        /// </summary>
        public static ByteRange? Parse(string? header, long length, out bool unsatisfiable)
        {
            unsatisfiable = false;
            if (header is null || !header.StartsWith("bytes=", System.StringComparison.OrdinalIgnoreCase) || header.Contains(',', System.StringComparison.Ordinal))
            {
                return null;
            }

            var spec = header.Substring(6).Trim();
            var dash = spec.IndexOf('-', System.StringComparison.Ordinal);
            if (dash < 0)
            {
                return null;
            }

            var first = spec.Substring(0, dash);
            var last = spec.Substring(dash + 1);
            if (first.Length == 0)
            {
                if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
                {
                    return null;
                }

                if (suffix == 0 || length == 0)
                {
                    unsatisfiable = true;
                    return null;
                }

                var take = System.Math.Min(suffix, length);
                return new ByteRange(length - take, take);
            }

            if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
            {
                return null;
            }

            var end = length - 1;
            if (last.Length > 0)
            {
                if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
                {
                    return null;
                }

                end = System.Math.Min(end, length - 1);
            }

            if (start >= length)
            {
                unsatisfiable = true;
                return null;
            }

            return new ByteRange(start, end - start + 1);
        }
    }
}
