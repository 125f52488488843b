using System.Collections.Generic;

namespace Seedance.Client.Requests
{
    /// <summary>
    /// What the caller asks for: one video job. Null means "not given": the API's default applies and the field is not sent.
    /// </summary>
    internal sealed class VideoRequest
    {
        /// <summary>The text prompt (required, 3 to 10000 UTF-16 code units).</summary>
        public string? Prompt { get; set; }

        /// <summary>Generation mode; inferred from the assets when null.</summary>
        public string? Mode { get; set; }

        public string? QualityTier { get; set; }

        /// <summary>Rendering channel.</summary>
        public string? Channel { get; set; }

        public string? AspectRatio { get; set; }

        /// <summary>Clip length in whole seconds (sent as a string).</summary>
        public int? Duration { get; set; }

        /// <summary>Output resolution.</summary>
        public string? Resolution { get; set; }

        /// <summary>Start frame: a public https URL.</summary>
        public string? ImageUrl { get; set; }

        /// <summary>End frame: a public https URL.</summary>
        public string? EndImageUrl { get; set; }

        /// <summary>Reference images or videos: public https URLs.</summary>
        public IReadOnlyList<string>? MediaUrls { get; set; }

        /// <summary>Whether to generate an audio track.</summary>
        public bool? GenerateAudio { get; set; }

        /// <summary>Whether to lock the camera lens.</summary>
        public bool? FixedLens { get; set; }

        /// <summary>Seed, from -1 to 4294967295.</summary>
        public long? Seed { get; set; }

        /// <summary>The mode the API will see: the one given, else inferred from the assets.</summary>
        public string EffectiveMode =>
            Mode is { } given ? SeedanceValues.Canonical(SeedanceValues.Modes, given) ?? given
            : SeedanceValues.InferMode(MediaUrls is { Count: > 0 }, ImageUrl is not null);
    }
}
