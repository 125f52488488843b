using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Seedance.Requests;

namespace Seedance.Client.Requests
{
    /// <summary>
    /// Every rule the API documents for a submit body, checked before any request so that bad input never costs credits.
    /// </summary>
    internal static class VideoRequestValidator
    {
        /// <summary>All the problems in <paramref name="request"/>; empty when it may be sent.</summary>
        public static IReadOnlyList<RequestProblem> Validate(VideoRequest request)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var problems = new List<RequestProblem>();
            void Add(RequestProblem? problem)
            {
                if (problem is not null)
                {
                    problems.Add(problem);
                }
            }

            Add(request.Prompt is null ? new RequestProblem(RequestFields.Prompt, "A prompt is required.") : CheckPrompt(request.Prompt));
            Add(CheckChoice(RequestFields.Mode, request.Mode));
            Add(CheckChoice(RequestFields.QualityTier, request.QualityTier));
            Add(CheckChoice(RequestFields.Channel, request.Channel));
            Add(CheckChoice(RequestFields.AspectRatio, request.AspectRatio));
            Add(CheckChoice(RequestFields.Resolution, request.Resolution));
            Add(request.Duration is { } duration ? CheckDuration(duration) : null);
            Add(request.Seed is { } seed ? CheckSeed(seed) : null);
            Add(request.ImageUrl is { } image ? CheckUrl(RequestFields.ImageUrl, image) : null);
            Add(request.EndImageUrl is { } end ? CheckUrl(RequestFields.EndImageUrl, end) : null);
            Add(request.MediaUrls is { } media ? CheckMediaUrls(media) : null);
            CheckCombinations(request, Add);
            return problems;
        }

        /// <summary>
        /// The request as it will be sent: every value spelt as the API spells it (<c>PRO</c> becomes <c>pro</c>, <c>4K</c>
        /// <c>4k</c>) and an inferred mode made explicit; throws <see cref="SeedanceValidationException"/> with every
        /// problem instead when a rule is broken. The one place values are canonicalised.
        /// </summary>
        public static VideoRequest Canonical(VideoRequest request)
        {
            var problems = Validate(request);
            if (problems.Count > 0)
            {
                throw new SeedanceValidationException(problems);
            }

            var mode = request.EffectiveMode;
            return new VideoRequest
            {
                Prompt = request.Prompt,
                Mode = request.Mode is null && mode == SeedanceValues.DefaultMode ? null : mode,
                QualityTier = Spelt(SeedanceValues.QualityTiers, request.QualityTier),
                Channel = Spelt(SeedanceValues.Channels, request.Channel),
                AspectRatio = Spelt(SeedanceValues.AspectRatios, request.AspectRatio),
                Duration = request.Duration,
                Resolution = Spelt(SeedanceValues.Resolutions, request.Resolution),
                ImageUrl = request.ImageUrl,
                EndImageUrl = request.EndImageUrl,
                MediaUrls = request.MediaUrls is { Count: > 0 } media ? media : null,
                GenerateAudio = request.GenerateAudio,
                FixedLens = request.FixedLens,
                Seed = request.Seed,
            };
        }

        /// <summary>The problem with one field's value on its own, or null when it is allowed.</summary>
        public static RequestProblem? ValidateField(string field, object? value) => (field, value) switch
        {
            (_, null) => null,
            (RequestFields.Prompt, string prompt) => CheckPrompt(prompt),
            (RequestFields.Duration, int duration) => CheckDuration(duration),
            (RequestFields.Seed, long seed) => CheckSeed(seed),
            (RequestFields.ImageUrl or RequestFields.EndImageUrl, string url) => CheckUrl(field, url),
            (RequestFields.MediaUrls, IReadOnlyList<string> urls) => CheckMediaUrls(urls),
            (RequestFields.IdempotencyKey, string key) => HeaderValues.IdempotencyKeyProblem(key),
            (_, string choice) when SeedanceValues.AllowedValues(field) is not null => CheckChoice(field, choice),
            _ => null,
        };

        private static RequestProblem? CheckPrompt(string prompt)
        {
            var length = prompt.Length;
            if (string.IsNullOrWhiteSpace(prompt) || length < SeedanceValues.MinPromptLength || length > SeedanceValues.MaxPromptLength)
            {
                return new RequestProblem(
                    RequestFields.Prompt,
                    $"The prompt must be {SeedanceValues.MinPromptLength} to {SeedanceValues.MaxPromptLength} characters long and not blank; it has {length}.");
            }

            return null;
        }

        private static RequestProblem? CheckChoice(string field, string? value)
        {
            if (value is null)
            {
                return null;
            }

            var allowed = SeedanceValues.AllowedValues(field)!;
            return SeedanceValues.Canonical(allowed, value) is null
                ? new RequestProblem(field, $"'{value}' is not allowed. Allowed values: {string.Join(", ", allowed)}.")
                : null;
        }

        private static RequestProblem? CheckDuration(int duration) =>
            duration < SeedanceValues.MinDuration || duration > SeedanceValues.MaxDuration
                ? new RequestProblem(
                    RequestFields.Duration,
                    $"The duration must be a whole number of seconds from {SeedanceValues.MinDuration} to {SeedanceValues.MaxDuration}; it is {duration}.")
                : null;

        private static RequestProblem? CheckSeed(long seed) =>
            seed < SeedanceValues.MinSeed || seed > SeedanceValues.MaxSeed
                ? new RequestProblem(
                    RequestFields.Seed,
                    string.Format(CultureInfo.InvariantCulture, "The seed must be from {0} to {1}; it is {2}.", SeedanceValues.MinSeed, SeedanceValues.MaxSeed, seed))
                : null;

        private static RequestProblem? CheckUrl(string field, string url) =>
            UrlProblem(url) is { } why ? new RequestProblem(field, why) : null;

        private static RequestProblem? CheckMediaUrls(IReadOnlyList<string> urls)
        {
            if (urls.Count > SeedanceValues.MaxMediaUrls)
            {
                return new RequestProblem(
                    RequestFields.MediaUrls,
                    $"At most {SeedanceValues.MaxMediaUrls} reference URLs are allowed; {urls.Count} were given.");
            }

            return urls.Select(UrlProblem).FirstOrDefault(why => why is not null) is { } problem
                ? new RequestProblem(RequestFields.MediaUrls, problem)
                : null;
        }

        private static void CheckCombinations(VideoRequest request, Action<RequestProblem?> add)
        {
            var tier = Spelt(SeedanceValues.QualityTiers, request.QualityTier) ?? SeedanceValues.DefaultQualityTier;
            var channel = Spelt(SeedanceValues.Channels, request.Channel) ?? SeedanceValues.DefaultChannel;
            var resolution = Spelt(SeedanceValues.Resolutions, request.Resolution);
            var offered = SeedanceValues.ResolutionsOn(tier);
            if (resolution is not null && !offered.Contains(resolution))
            {
                add(new RequestProblem(
                    RequestFields.Resolution,
                    $"'{resolution}' is available on the {SeedanceValues.ProTier} quality tier only (quality_tier is '{tier}'). Allowed on {tier}: {string.Join(", ", offered)}."));
            }

            if (request.Seed is not null && channel == SeedanceValues.RealChannel)
            {
                add(new RequestProblem(
                    RequestFields.Seed,
                    $"A seed is not supported on the {SeedanceValues.RealChannel} channel. Use the {SeedanceValues.StandardChannel} or {SeedanceValues.WildChannel} channel, or leave the seed out."));
            }

            if (request.Seed is not null && tier == SeedanceValues.MiniTier)
            {
                add(new RequestProblem(
                    RequestFields.Seed,
                    $"A seed is not supported on the {SeedanceValues.MiniTier} quality tier. Use {SeedanceValues.StandardTier} or {SeedanceValues.ProTier}, or leave the seed out."));
            }

            switch (request.EffectiveMode)
            {
                case SeedanceValues.ImageToVideo when request.ImageUrl is null:
                    add(new RequestProblem(RequestFields.ImageUrl, $"The {SeedanceValues.ImageToVideo} mode requires a start frame ({RequestFields.ImageUrl})."));
                    break;
                case SeedanceValues.MediaToVideo when request.MediaUrls is not { Count: > 0 }:
                    add(new RequestProblem(RequestFields.MediaUrls, $"The {SeedanceValues.MediaToVideo} mode requires at least one reference URL ({RequestFields.MediaUrls})."));
                    break;
            }
        }

        private static string? Spelt(IReadOnlyList<string> allowed, string? value) =>
            value is null ? null : SeedanceValues.Canonical(allowed, value);

        /// <summary>Why <paramref name="url"/> cannot be sent as an asset URL, or null when it can.</summary>
        private static string? UrlProblem(string? url)
        {
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host))
            {
                return $"'{url}' is not a public https URL (https://host/path).";
            }

            // Credentials in a URL would travel to the API, which fetches the asset, and stay in the journal's body.
            return uri.UserInfo.Length > 0
                ? $"'{SeedanceClientOptions.EndpointOf(uri)}' (user info hidden) carries a user name or password (user:password@). Give a public https URL without them, such as a signed URL."
                : null;
        }
    }
}
