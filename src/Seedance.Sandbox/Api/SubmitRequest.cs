using System.Collections.Generic;

namespace Seedance.Sandbox.Api
{
    /// <summary>A submit body that passed every rule, with the documented defaults filled in.</summary>
    internal sealed class SubmitRequest
    {
        public string Mode { get; set; } = "text-to-video";

        public string QualityTier { get; set; } = "standard";

        public string Channel { get; set; } = "standard";

        public string Prompt { get; set; } = string.Empty;

        public string AspectRatio { get; set; } = "16:9";

        public int Duration { get; set; } = 5;

        public string Resolution { get; set; } = "720p";

        public string? ImageUrl { get; set; }

        public string? EndImageUrl { get; set; }

        public IReadOnlyList<string>? MediaUrls { get; set; }

        public bool GenerateAudio { get; set; } = true;

        public bool FixedLens { get; set; }

        public long? Seed { get; set; }
    }
}
