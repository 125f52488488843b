using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Seedance.Requests
{
    /// <summary>
    /// Every rule the API documents for a submit body, checked before any request so that bad input never costs credits.
    /// </summary>
    public static class VideoRequestValidator
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

        /// <summary>The problem with one field's value on its own, or null when it is allowed.</summary>
        public static RequestProblem? ValidateField(string field, object? value) => (field, value) switch
        {
            (_, null) => null,
            (RequestFields.Prompt, string prompt) => CheckPrompt(prompt),
            (RequestFields.Duration, int duration) => CheckDuration(duration),
            (RequestFields.Seed, long seed) => CheckSeed(seed),
            (RequestFields.ImageUrl or RequestFields.EndImageUrl, string url) => CheckUrl(field, url),
            (RequestFields.MediaUrls, IReadOnlyList<string> urls) => CheckMediaUrls(urls),
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
            IsHttpsUrl(url)
                ? null
                : new RequestProblem(field, $"'{url}' is not a public https URL (https://host/path).");

        private static RequestProblem? CheckMediaUrls(IReadOnlyList<string> urls)
        {
            if (urls.Count > SeedanceValues.MaxMediaUrls)
            {
                return new RequestProblem(
                    RequestFields.MediaUrls,
                    $"At most {SeedanceValues.MaxMediaUrls} reference URLs are allowed; {urls.Count} were given.");
            }

            var bad = urls.FirstOrDefault(url => !IsHttpsUrl(url));
            return bad is null && !urls.Any(url => url is null)
                ? null
                : new RequestProblem(RequestFields.MediaUrls, $"'{bad}' is not a public https URL (https://host/path).");
        }

        private static void CheckCombinations(VideoRequest request, Action<RequestProblem?> add)
        {
            var tier = Canonical(SeedanceValues.QualityTiers, request.QualityTier) ?? "standard";
            var channel = Canonical(SeedanceValues.Channels, request.Channel) ?? "standard";
            var resolution = Canonical(SeedanceValues.Resolutions, request.Resolution);
            if (resolution is not null && SeedanceValues.ProOnlyResolutions.Contains(resolution) && tier != "pro")
            {
                add(new RequestProblem(
                    RequestFields.Resolution,
                    $"'{resolution}' is available on the pro quality tier only (quality_tier is '{tier}'). Allowed on {tier}: 720p, 1080p."));
            }

            if (request.Seed is not null && channel == "real")
            {
                add(new RequestProblem(RequestFields.Seed, "A seed is not supported on the real channel. Use the standard or wild channel, or leave the seed out."));
            }

            if (request.Seed is not null && tier == "mini")
            {
                add(new RequestProblem(RequestFields.Seed, "A seed is not supported on the mini quality tier. Use standard or pro, or leave the seed out."));
            }

            switch (request.EffectiveMode)
            {
                case "image-to-video" when request.ImageUrl is null:
                    add(new RequestProblem(RequestFields.ImageUrl, "The image-to-video mode requires a start frame (image_url)."));
                    break;
                case "media-to-video" when request.MediaUrls is not { Count: > 0 }:
                    add(new RequestProblem(RequestFields.MediaUrls, "The media-to-video mode requires at least one reference URL (media_urls)."));
                    break;
            }
        }

        private static string? Canonical(IReadOnlyList<string> allowed, string? value) =>
            value is null ? null : SeedanceValues.Canonical(allowed, value);

        private static bool IsHttpsUrl(string? url) =>
            url is not null
            && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttps
            && !string.IsNullOrEmpty(uri.Host);
    }
}
