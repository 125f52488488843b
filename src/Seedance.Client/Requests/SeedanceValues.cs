using System;
using System.Collections.Generic;

namespace Seedance.Client.Requests
{
    /// <summary>
    /// The API's words and defaults for each request field (api-contract.md, the submit body table): the one home of
    /// these tables. Everything else (validation, the body, the journal, the wait planner, completion) reads them here.
    /// </summary>
    internal static class SeedanceValues
    {
        /// <summary>The mode of a prompt alone.</summary>
        public const string TextToVideo = "text-to-video";

        /// <summary>The mode of a start frame (<c>image_url</c>).</summary>
        public const string ImageToVideo = "image-to-video";

        /// <summary>The mode of reference media (<c>media_urls</c>).</summary>
        public const string MediaToVideo = "media-to-video";

        /// <summary>The cheapest tier; it takes no seed.</summary>
        public const string MiniTier = "mini";

        /// <summary>The default tier.</summary>
        public const string StandardTier = "standard";

        /// <summary>The tier that alone offers 1080p-plus and 4k.</summary>
        public const string ProTier = "pro";

        /// <summary>The default channel.</summary>
        public const string StandardChannel = "standard";

        /// <summary>The channel that takes no seed.</summary>
        public const string RealChannel = "real";

        /// <summary>The third channel.</summary>
        public const string WildChannel = "wild";

        /// <summary>The default resolution.</summary>
        public const string Resolution720p = "720p";

        /// <summary>Full HD.</summary>
        public const string Resolution1080p = "1080p";

        /// <summary>Enhanced full HD, on the pro tier only.</summary>
        public const string Resolution1080pPlus = "1080p-plus";

        /// <summary>Ultra HD, on the pro tier only.</summary>
        public const string Resolution4k = "4k";

        /// <summary>The mode the API uses when a body leaves it out.</summary>
        public const string DefaultMode = TextToVideo;

        /// <summary>The quality tier the API uses when a body leaves it out.</summary>
        public const string DefaultQualityTier = StandardTier;

        /// <summary>The channel the API uses when a body leaves it out.</summary>
        public const string DefaultChannel = StandardChannel;

        /// <summary>The aspect ratio the API uses when a body leaves it out.</summary>
        public const string DefaultAspectRatio = "16:9";

        /// <summary>The resolution the API uses when a body leaves it out.</summary>
        public const string DefaultResolution = Resolution720p;

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

        private static readonly IReadOnlyList<string> BelowProResolutions = new[] { Resolution720p, Resolution1080p };

        /// <summary>Generation modes.</summary>
        public static IReadOnlyList<string> Modes { get; } = new[] { TextToVideo, ImageToVideo, MediaToVideo };

        public static IReadOnlyList<string> QualityTiers { get; } = new[] { MiniTier, StandardTier, ProTier };

        /// <summary>Rendering channels.</summary>
        public static IReadOnlyList<string> Channels { get; } = new[] { StandardChannel, RealChannel, WildChannel };

        public static IReadOnlyList<string> AspectRatios { get; } = new[] { DefaultAspectRatio, "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive" };

        /// <summary>Output resolutions.</summary>
        public static IReadOnlyList<string> Resolutions { get; } = new[] { Resolution720p, Resolution1080p, Resolution1080pPlus, Resolution4k };

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

        /// <summary>The resolutions a quality tier offers: every one on <c>pro</c>, 720p and 1080p below it.</summary>
        public static IReadOnlyList<string> ResolutionsOn(string qualityTier) =>
            string.Equals(qualityTier, ProTier, StringComparison.OrdinalIgnoreCase) ? Resolutions : BelowProResolutions;

        /// <summary>The mode a request without one gets: <c>media_urls</c> make it media-to-video, else <c>image_url</c> image-to-video.</summary>
        public static string InferMode(bool hasMediaUrls, bool hasImageUrl) =>
            hasMediaUrls ? MediaToVideo : hasImageUrl ? ImageToVideo : TextToVideo;

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
