using System.Collections.Generic;
using System.Linq;

namespace Seedance.Sandbox.Tests
{
    /// <summary>
    /// One table of submit bodies from api-contract.md: each documented rule with at least one accepted and one
    /// rejected body. <c>RejectedField</c> is null for a body the API accepts; otherwise the field a 400 must name
    /// (<c>body</c> for a body that is not a JSON object). Self-contained so other test projects can link the file.
    /// </summary>
    public static class SubmitBodyCases
    {
        private static readonly string[] AspectRatios = { "1:1", "21:9", "4:3", "3:4", "16:9", "9:16", "adaptive" };

        public static IEnumerable<(string Name, string Body, string? RejectedField)> All()
        {
            const string P = "\"prompt\":\"A fox running through snow\"";
            const string Https = "https://example.com/a.png";

            // prompt: required, 3..10000 UTF-16 code units.
            yield return ("prompt of 3 characters", "{\"prompt\":\"abc\"}", null);
            yield return ("prompt of 10000 characters", $"{{\"prompt\":\"{new string('a', 10000)}\"}}", null);
            yield return ("prompt of 3 UTF-16 units (emoji counts 2)", "{\"prompt\":\"\\ud83d\\ude00a\"}", null);
            yield return ("prompt missing", "{\"duration\":\"5\"}", "prompt");
            yield return ("prompt of 2 characters", "{\"prompt\":\"ab\"}", "prompt");
            yield return ("prompt of 10001 characters", $"{{\"prompt\":\"{new string('a', 10001)}\"}}", "prompt");
            yield return ("prompt of 2 UTF-16 units (one emoji)", "{\"prompt\":\"\\ud83d\\ude00\"}", "prompt");
            yield return ("prompt as a number", "{\"prompt\":12345}", "prompt");
            yield return ("prompt null", "{\"prompt\":null}", "prompt");

            // mode, and what each mode requires.
            yield return ("mode text-to-video", $"{{{P},\"mode\":\"text-to-video\"}}", null);
            yield return ("mode image-to-video with image_url", $"{{{P},\"mode\":\"image-to-video\",\"image_url\":\"{Https}\"}}", null);
            yield return ("mode media-to-video with media_urls", $"{{{P},\"mode\":\"media-to-video\",\"media_urls\":[\"{Https}\"]}}", null);
            yield return ("mode unknown", $"{{{P},\"mode\":\"video-to-video\"}}", "mode");
            yield return ("mode in another case", $"{{{P},\"mode\":\"Text-To-Video\"}}", "mode");
            yield return ("mode image-to-video without image_url", $"{{{P},\"mode\":\"image-to-video\"}}", "image_url");
            yield return ("mode media-to-video without media_urls", $"{{{P},\"mode\":\"media-to-video\"}}", "media_urls");
            yield return ("mode media-to-video with empty media_urls", $"{{{P},\"mode\":\"media-to-video\",\"media_urls\":[]}}", "media_urls");

            // quality_tier and channel.
            foreach (var tier in new[] { "mini", "standard", "pro" })
            {
                yield return ($"quality_tier {tier}", $"{{{P},\"quality_tier\":\"{tier}\"}}", null);
            }

            yield return ("quality_tier unknown", $"{{{P},\"quality_tier\":\"ultra\"}}", "quality_tier");
            yield return ("quality_tier as a number", $"{{{P},\"quality_tier\":2}}", "quality_tier");
            foreach (var channel in new[] { "standard", "real", "wild" })
            {
                yield return ($"channel {channel}", $"{{{P},\"channel\":\"{channel}\"}}", null);
            }

            yield return ("channel unknown", $"{{{P},\"channel\":\"fast\"}}", "channel");

            // aspect_ratio.
            foreach (var ratio in AspectRatios)
            {
                yield return ($"aspect_ratio {ratio}", $"{{{P},\"aspect_ratio\":\"{ratio}\"}}", null);
            }

            yield return ("aspect_ratio unknown", $"{{{P},\"aspect_ratio\":\"2:1\"}}", "aspect_ratio");

            // duration: a string from "4" to "15".
            yield return ("duration \"4\"", $"{{{P},\"duration\":\"4\"}}", null);
            yield return ("duration \"15\"", $"{{{P},\"duration\":\"15\"}}", null);
            yield return ("duration as a number", $"{{{P},\"duration\":5}}", "duration");
            yield return ("duration \"3\"", $"{{{P},\"duration\":\"3\"}}", "duration");
            yield return ("duration \"16\"", $"{{{P},\"duration\":\"16\"}}", "duration");
            yield return ("duration \"5.5\"", $"{{{P},\"duration\":\"5.5\"}}", "duration");

            // resolution: 1080p-plus and 4k on pro only.
            yield return ("resolution 720p", $"{{{P},\"resolution\":\"720p\"}}", null);
            yield return ("resolution 1080p on standard", $"{{{P},\"resolution\":\"1080p\"}}", null);
            yield return ("resolution 1080p-plus on pro", $"{{{P},\"quality_tier\":\"pro\",\"resolution\":\"1080p-plus\"}}", null);
            yield return ("resolution 4k on pro", $"{{{P},\"quality_tier\":\"pro\",\"resolution\":\"4k\"}}", null);
            yield return ("resolution 1080p-plus on standard (the default tier)", $"{{{P},\"resolution\":\"1080p-plus\"}}", "resolution");
            yield return ("resolution 4k on mini", $"{{{P},\"quality_tier\":\"mini\",\"resolution\":\"4k\"}}", "resolution");
            yield return ("resolution unknown", $"{{{P},\"resolution\":\"480p\"}}", "resolution");

            // image_url and end_image_url: public https URLs.
            yield return ("image_url https in text-to-video (page silent: accepted)", $"{{{P},\"image_url\":\"{Https}\"}}", null);
            yield return ("end_image_url without image_url (page silent: accepted)", $"{{{P},\"end_image_url\":\"{Https}\"}}", null);
            yield return ("image_url over http", $"{{{P},\"mode\":\"image-to-video\",\"image_url\":\"http://example.com/a.png\"}}", "image_url");
            yield return ("image_url not a URL", $"{{{P},\"image_url\":\"a.png\"}}", "image_url");
            yield return ("end_image_url over http", $"{{{P},\"end_image_url\":\"http://example.com/z.png\"}}", "end_image_url");

            // media_urls: an array of at most 12 https URLs.
            var twelve = string.Join(",", Enumerable.Range(1, 12).Select(i => $"\"https://example.com/{i}.mp4\""));
            var thirteen = string.Join(",", Enumerable.Range(1, 13).Select(i => $"\"https://example.com/{i}.mp4\""));
            yield return ("media_urls with 12 URLs", $"{{{P},\"mode\":\"media-to-video\",\"media_urls\":[{twelve}]}}", null);
            yield return ("media_urls with 13 URLs", $"{{{P},\"mode\":\"media-to-video\",\"media_urls\":[{thirteen}]}}", "media_urls");
            yield return ("media_urls with an http URL", $"{{{P},\"mode\":\"media-to-video\",\"media_urls\":[\"http://example.com/a.mp4\"]}}", "media_urls");
            yield return ("media_urls as a string", $"{{{P},\"mode\":\"media-to-video\",\"media_urls\":\"{Https}\"}}", "media_urls");
            yield return ("media_urls holding a number", $"{{{P},\"mode\":\"media-to-video\",\"media_urls\":[1]}}", "media_urls");

            // generate_audio and fixed_lens: booleans.
            yield return ("generate_audio false", $"{{{P},\"generate_audio\":false}}", null);
            yield return ("fixed_lens true", $"{{{P},\"fixed_lens\":true}}", null);
            yield return ("generate_audio as a string", $"{{{P},\"generate_audio\":\"true\"}}", "generate_audio");
            yield return ("fixed_lens as a number", $"{{{P},\"fixed_lens\":1}}", "fixed_lens");

            // seed: an integer from -1 to 4294967295, not on the real channel nor the mini tier.
            yield return ("seed -1", $"{{{P},\"seed\":-1}}", null);
            yield return ("seed 4294967295", $"{{{P},\"seed\":4294967295}}", null);
            yield return ("seed on the wild channel", $"{{{P},\"channel\":\"wild\",\"seed\":42}}", null);
            yield return ("seed -2", $"{{{P},\"seed\":-2}}", "seed");
            yield return ("seed 4294967296", $"{{{P},\"seed\":4294967296}}", "seed");
            yield return ("seed 1.5", $"{{{P},\"seed\":1.5}}", "seed");
            yield return ("seed as a string", $"{{{P},\"seed\":\"42\"}}", "seed");
            yield return ("seed on the real channel", $"{{{P},\"channel\":\"real\",\"seed\":42}}", "seed");
            yield return ("seed on the mini tier", $"{{{P},\"quality_tier\":\"mini\",\"seed\":42}}", "seed");

            // Unknown fields and malformed bodies.
            yield return ("every documented field at once", $"{{\"mode\":\"image-to-video\",\"quality_tier\":\"pro\",\"channel\":\"wild\",{P},\"aspect_ratio\":\"9:16\",\"duration\":\"10\",\"resolution\":\"4k\",\"image_url\":\"{Https}\",\"end_image_url\":\"{Https}\",\"media_urls\":[\"{Https}\"],\"generate_audio\":false,\"fixed_lens\":true,\"seed\":7}}", null);
            yield return ("unknown field", $"{{{P},\"style\":\"noir\"}}", "style");
            yield return ("field name in another case", "{\"Prompt\":\"A fox running through snow\"}", "Prompt");
            yield return ("body not JSON", "{\"prompt\": \"abc\"", "body");
            yield return ("body a JSON array", "[{\"prompt\":\"abc\"}]", "body");
        }
    }
}
