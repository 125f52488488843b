using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Seedance.Sandbox.Api
{
    /// <summary>
    /// The submit body rules of api-contract.md, checked the way the server would. The sandbox keeps its own copy on
    /// purpose: it plays a server we do not control, so it must not share the client's validator.
    /// </summary>
    internal static class SubmitRules
    {
        public const int MinPromptLength = 3;
        public const int MaxPromptLength = 10000;
        public const int MaxMediaUrls = 12;
        public const long MinSeed = -1;
        public const long MaxSeed = 4294967295;

        private static readonly string[] Modes = { "text-to-video", "image-to-video", "media-to-video" };
        private static readonly string[] QualityTiers = { "mini", "standard", "pro" };
        private static readonly string[] Channels = { "standard", "real", "wild" };
        private static readonly string[] AspectRatios = { "1:1", "21:9", "4:3", "3:4", "16:9", "9:16", "adaptive" };
        private static readonly string[] Resolutions = { "720p", "1080p", "1080p-plus", "4k" };
        private static readonly string[] ProOnlyResolutions = { "1080p-plus", "4k" };
        private static readonly string[] Durations = Enumerable.Range(4, 12).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray();

        /// <summary>Parses and checks a body; on failure <paramref name="error"/> is a message that names the field.</summary>
        public static bool TryParse(byte[] body, out SubmitRequest request, out string error)
        {
            request = new SubmitRequest();
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException e)
            {
                error = "The request body is not valid JSON: " + e.Message;
                return false;
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    error = "The request body must be a JSON object.";
                    return false;
                }

                error = ReadFields(document.RootElement, request) ?? CheckCombinations(request) ?? string.Empty;
                return error.Length == 0;
            }
        }

        private static string? ReadFields(JsonElement root, SubmitRequest request)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var hasPrompt = false;
            foreach (var property in root.EnumerateObject())
            {
                var name = property.Name;
                var value = property.Value;
                if (!seen.Add(name))
                {
                    return $"Field '{name}' appears more than once.";
                }

                string? problem;
                switch (name)
                {
                    case "mode":
                        problem = ReadChoice(name, value, Modes, v => request.Mode = v);
                        break;
                    case "quality_tier":
                        problem = ReadChoice(name, value, QualityTiers, v => request.QualityTier = v);
                        break;
                    case "channel":
                        problem = ReadChoice(name, value, Channels, v => request.Channel = v);
                        break;
                    case "aspect_ratio":
                        problem = ReadChoice(name, value, AspectRatios, v => request.AspectRatio = v);
                        break;
                    case "resolution":
                        problem = ReadChoice(name, value, Resolutions, v => request.Resolution = v);
                        break;
                    case "duration":
                        problem = ReadChoice(name, value, Durations, v => request.Duration = int.Parse(v, CultureInfo.InvariantCulture));
                        break;
                    case "prompt":
                        hasPrompt = true;
                        problem = ReadPrompt(value, request);
                        break;
                    case "image_url":
                        problem = ReadUrl(name, value, v => request.ImageUrl = v);
                        break;
                    case "end_image_url":
                        problem = ReadUrl(name, value, v => request.EndImageUrl = v);
                        break;
                    case "media_urls":
                        problem = ReadMediaUrls(value, request);
                        break;
                    case "generate_audio":
                        problem = ReadBoolean(name, value, v => request.GenerateAudio = v);
                        break;
                    case "fixed_lens":
                        problem = ReadBoolean(name, value, v => request.FixedLens = v);
                        break;
                    case "seed":
                        problem = ReadSeed(value, request);
                        break;
                    default:
                        problem = $"Unsupported field '{name}'.";
                        break;
                }

                if (problem is not null)
                {
                    return problem;
                }
            }

            return hasPrompt ? null : "Field 'prompt' is required.";
        }

        private static string? CheckCombinations(SubmitRequest request)
        {
            if (ProOnlyResolutions.Contains(request.Resolution) && request.QualityTier != "pro")
            {
                return $"Field 'resolution' value '{request.Resolution}' is available on the pro quality_tier only.";
            }

            if (request.Seed is not null && request.Channel == "real")
            {
                return "Field 'seed' is not supported on the real channel.";
            }

            if (request.Seed is not null && request.QualityTier == "mini")
            {
                return "Field 'seed' is not supported on the mini quality_tier.";
            }

            if (request.Mode == "image-to-video" && request.ImageUrl is null)
            {
                return "Field 'image_url' is required for image-to-video.";
            }

            if (request.Mode == "media-to-video" && request.MediaUrls is not { Count: > 0 })
            {
                return "Field 'media_urls' is required for media-to-video (at least one URL).";
            }

            return null;
        }

        private static string? ReadChoice(string name, JsonElement value, string[] allowed, Action<string> set)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return $"Field '{name}' must be a string, not {Describe(value)}.";
            }

            var text = value.GetString()!;
            if (!allowed.Contains(text, StringComparer.Ordinal))
            {
                return $"Field '{name}' value '{text}' is not allowed; allowed: {string.Join(", ", allowed)}.";
            }

            set(text);
            return null;
        }

        private static string? ReadPrompt(JsonElement value, SubmitRequest request)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return $"Field 'prompt' must be a string, not {Describe(value)}.";
            }

            var prompt = value.GetString()!;
            if (prompt.Length < MinPromptLength || prompt.Length > MaxPromptLength)
            {
                return $"Field 'prompt' must be {MinPromptLength} to {MaxPromptLength} characters; it has {prompt.Length}.";
            }

            request.Prompt = prompt;
            return null;
        }

        private static string? ReadUrl(string name, JsonElement value, Action<string> set)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return $"Field '{name}' must be a string URL, not {Describe(value)}.";
            }

            var url = value.GetString()!;
            if (!IsHttpsUrl(url))
            {
                return $"Field '{name}' must be a public https URL.";
            }

            set(url);
            return null;
        }

        private static string? ReadMediaUrls(JsonElement value, SubmitRequest request)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                return $"Field 'media_urls' must be an array of strings, not {Describe(value)}.";
            }

            var urls = new List<string>();
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return $"Field 'media_urls' must hold strings only, not {Describe(item)}.";
                }

                var url = item.GetString()!;
                if (!IsHttpsUrl(url))
                {
                    return "Field 'media_urls' must hold public https URLs only.";
                }

                urls.Add(url);
            }

            if (urls.Count > MaxMediaUrls)
            {
                return $"Field 'media_urls' allows at most {MaxMediaUrls} URLs; it has {urls.Count}.";
            }

            request.MediaUrls = urls;
            return null;
        }

        private static string? ReadBoolean(string name, JsonElement value, Action<bool> set)
        {
            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return $"Field '{name}' must be a boolean, not {Describe(value)}.";
            }

            set(value.GetBoolean());
            return null;
        }

        private static string? ReadSeed(JsonElement value, SubmitRequest request)
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seed))
            {
                return $"Field 'seed' must be an integer, not {Describe(value)}.";
            }

            if (seed < MinSeed || seed > MaxSeed)
            {
                return $"Field 'seed' must be from {MinSeed} to {MaxSeed}.";
            }

            request.Seed = seed;
            return null;
        }

        private static bool IsHttpsUrl(string url) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttps
            && !string.IsNullOrEmpty(uri.Host);

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Number => "a number",
            JsonValueKind.String => "a string",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => "null",
        };
    }
}
