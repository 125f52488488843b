using System;
using System.Collections.Generic;

namespace Seedance.Requests
{
    /// <summary>The values and ranges the API documents for each request field; the one home of these tables.</summary>
    public static class SeedanceValues
    {
        /// <summary>Generation modes.</summary>
        public static IReadOnlyList<string> Modes { get; } = new[] { "text-to-video", "image-to-video", "media-to-video" };

        /// <summary>Quality tiers.</summary>
        public static IReadOnlyList<string> QualityTiers { get; } = new[] { "mini", "standard", "pro" };

        /// <summary>Rendering channels.</summary>
        public static IReadOnlyList<string> Channels { get; } = new[] { "standard", "real", "wild" };

        /// <summary>Aspect ratios.</summary>
        public static IReadOnlyList<string> AspectRatios { get; } = new[] { "16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive" };

        /// <summary>Output resolutions.</summary>
        public static IReadOnlyList<string> Resolutions { get; } = new[] { "720p", "1080p", "1080p-plus", "4k" };

        /// <summary>Resolutions that only the <c>pro</c> tier offers.</summary>
        public static IReadOnlyList<string> ProOnlyResolutions { get; } = new[] { "1080p-plus", "4k" };

        /// <summary>The quality tier the API uses when a body leaves it out.</summary>
        public const string DefaultQualityTier = "standard";

        /// <summary>The channel the API uses when a body leaves it out.</summary>
        public const string DefaultChannel = "standard";

        /// <summary>The resolution the API uses when a body leaves it out.</summary>
        public const string DefaultResolution = "720p";

        /// <summary>The clip length, in seconds, the API uses when a body leaves it out.</summary>
        public const int DefaultDuration = 5;

        /// <summary>Shortest clip, in seconds.</summary>
        public const int MinDuration = 4;

        /// <summary>Longest clip, in seconds.</summary>
        public const int MaxDuration = 15;

        /// <summary>Shortest prompt, in UTF-16 code units.</summary>
        public const int MinPromptLength = 3;

        /// <summary>Longest prompt, in UTF-16 code units.</summary>
        public const int MaxPromptLength = 10000;

        /// <summary>Most reference URLs in <c>media_urls</c>.</summary>
        public const int MaxMediaUrls = 12;

        /// <summary>Smallest seed.</summary>
        public const long MinSeed = -1;

        /// <summary>Largest seed.</summary>
        public const long MaxSeed = 4294967295;

        /// <summary>The allowed values of a field that has a fixed set, by its API name; null for other fields.</summary>
        public static IReadOnlyList<string>? AllowedValues(string field) => field switch
        {
            RequestFields.Mode => Modes,
            RequestFields.QualityTier => QualityTiers,
            RequestFields.Channel => Channels,
            RequestFields.AspectRatio => AspectRatios,
            RequestFields.Resolution => Resolutions,
            _ => null,
        };

        /// <summary>The canonical spelling of <paramref name="value"/> in <paramref name="allowed"/>, ignoring case; null when absent.</summary>
        public static string? Canonical(IReadOnlyList<string> allowed, string value)
        {
            foreach (var candidate in allowed)
            {
                if (string.Equals(candidate, value.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
