namespace Seedance.Client.Requests
{
    /// <summary>The API's names for the fields of a submit body.</summary>
    internal static class RequestFields
    {
        /// <summary><c>mode</c></summary>
        public const string Mode = "mode";
        /// <summary><c>quality_tier</c></summary>
        public const string QualityTier = "quality_tier";
        /// <summary><c>channel</c></summary>
        public const string Channel = "channel";
        /// <summary><c>prompt</c></summary>
        public const string Prompt = "prompt";
        /// <summary><c>aspect_ratio</c></summary>
        public const string AspectRatio = "aspect_ratio";
        /// <summary><c>duration</c></summary>
        public const string Duration = "duration";
        /// <summary><c>resolution</c></summary>
        public const string Resolution = "resolution";
        /// <summary><c>image_url</c></summary>
        public const string ImageUrl = "image_url";
        /// <summary><c>end_image_url</c></summary>
        public const string EndImageUrl = "end_image_url";
        /// <summary><c>media_urls</c></summary>
        public const string MediaUrls = "media_urls";
        /// <summary><c>generate_audio</c></summary>
        public const string GenerateAudio = "generate_audio";
        /// <summary><c>fixed_lens</c></summary>
        public const string FixedLens = "fixed_lens";
        /// <summary><c>seed</c></summary>
        public const string Seed = "seed";
        /// <summary><c>idempotency_key</c>: the Idempotency-Key header, not a body field; named as a CSV column names it.</summary>
        public const string IdempotencyKey = "idempotency_key";
    }
}
