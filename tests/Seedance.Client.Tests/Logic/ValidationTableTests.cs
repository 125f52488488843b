using System;
using System.Linq;
using Seedance.Client.Requests;
using Seedance.Requests;
using Xunit;

namespace Seedance.Client.Tests.Logic
{
    /// <summary>Bad requests the client refuses before any request: each problem names its field and what is allowed.</summary>
    public sealed class ValidationTableTests
    {
        private const string Prompt = "A glass train crosses a frozen lake";

        public static TheoryData<string, object, string, string> BadRequests { get; } = new()
        {
            { "no prompt", new VideoRequest(), RequestFields.Prompt, "required" },
            { "short prompt", new VideoRequest { Prompt = "ab" }, RequestFields.Prompt, "3 to 10000" },
            { "blank prompt", new VideoRequest { Prompt = "     " }, RequestFields.Prompt, "3 to 10000" },
            { "long prompt", new VideoRequest { Prompt = new string('a', 10001) }, RequestFields.Prompt, "3 to 10000" },
            { "unknown mode", new VideoRequest { Prompt = Prompt, Mode = "video" }, RequestFields.Mode, "text-to-video, image-to-video, media-to-video" },
            { "empty mode", new VideoRequest { Prompt = Prompt, Mode = string.Empty }, RequestFields.Mode, "text-to-video, image-to-video, media-to-video" },
            { "unknown tier", new VideoRequest { Prompt = Prompt, QualityTier = "ultra" }, RequestFields.QualityTier, "mini, standard, pro" },
            { "misspelt tier", new VideoRequest { Prompt = Prompt, QualityTier = "standrad" }, RequestFields.QualityTier, "mini, standard, pro" },
            { "unknown channel", new VideoRequest { Prompt = Prompt, Channel = "fast" }, RequestFields.Channel, "standard, real, wild" },
            { "empty channel", new VideoRequest { Prompt = Prompt, Channel = string.Empty }, RequestFields.Channel, "standard, real, wild" },
            { "unknown aspect ratio", new VideoRequest { Prompt = Prompt, AspectRatio = "2:1" }, RequestFields.AspectRatio, "16:9, 9:16, 1:1, 4:3, 3:4, 21:9, adaptive" },
            { "aspect ratio with x", new VideoRequest { Prompt = Prompt, AspectRatio = "16x9" }, RequestFields.AspectRatio, "16:9, 9:16, 1:1, 4:3, 3:4, 21:9, adaptive" },
            { "unknown resolution", new VideoRequest { Prompt = Prompt, Resolution = "480p" }, RequestFields.Resolution, "720p, 1080p, 1080p-plus, 4k" },
            { "8k", new VideoRequest { Prompt = Prompt, Resolution = "8k" }, RequestFields.Resolution, "720p, 1080p, 1080p-plus, 4k" },
            { "duration 3", new VideoRequest { Prompt = Prompt, Duration = 3 }, RequestFields.Duration, "from 4 to 15" },
            { "duration 16", new VideoRequest { Prompt = Prompt, Duration = 16 }, RequestFields.Duration, "from 4 to 15" },
            { "duration 0", new VideoRequest { Prompt = Prompt, Duration = 0 }, RequestFields.Duration, "from 4 to 15" },
            { "negative duration", new VideoRequest { Prompt = Prompt, Duration = -5 }, RequestFields.Duration, "from 4 to 15" },
            { "seed below -1", new VideoRequest { Prompt = Prompt, Seed = -2 }, RequestFields.Seed, "from -1 to 4294967295" },
            { "seed above 2^32-1", new VideoRequest { Prompt = Prompt, Seed = 4294967296 }, RequestFields.Seed, "from -1 to 4294967295" },
            { "seed on the real channel", new VideoRequest { Prompt = Prompt, Channel = "real", Seed = 7 }, RequestFields.Seed, "standard or wild" },
            { "seed on the mini tier", new VideoRequest { Prompt = Prompt, QualityTier = "mini", Seed = 7 }, RequestFields.Seed, "standard or pro" },
            { "4k on standard", new VideoRequest { Prompt = Prompt, QualityTier = "standard", Resolution = "4k" }, RequestFields.Resolution, "720p, 1080p" },
            { "1080p-plus on mini", new VideoRequest { Prompt = Prompt, QualityTier = "mini", Resolution = "1080p-plus" }, RequestFields.Resolution, "720p, 1080p" },
            { "4k on the default tier", new VideoRequest { Prompt = Prompt, Resolution = "4K" }, RequestFields.Resolution, "pro quality tier only" },
            { "plain http start frame", new VideoRequest { Prompt = Prompt, ImageUrl = "http://example.com/a.png" }, RequestFields.ImageUrl, "public https URL" },
            { "start frame not a URL", new VideoRequest { Prompt = Prompt, ImageUrl = "not a url" }, RequestFields.ImageUrl, "public https URL" },
            { "ftp start frame", new VideoRequest { Prompt = Prompt, ImageUrl = "ftp://example.com/a.png" }, RequestFields.ImageUrl, "public https URL" },
            { "start frame with user info", new VideoRequest { Prompt = Prompt, ImageUrl = "https://me:secret@example.com/a.png" }, RequestFields.ImageUrl, "user name or password" },
            { "end frame with user info", new VideoRequest { Prompt = Prompt, EndImageUrl = "https://me@example.com/z.png" }, RequestFields.EndImageUrl, "user name or password" },
            { "reference with user info", new VideoRequest { Prompt = Prompt, MediaUrls = new[] { "https://example.com/a.png", "https://me:secret@example.com/b.mp4" } }, RequestFields.MediaUrls, "user name or password" },
            { "plain http end frame", new VideoRequest { Prompt = Prompt, EndImageUrl = "http://example.com/z.png" }, RequestFields.EndImageUrl, "public https URL" },
            { "13 references", new VideoRequest { Prompt = Prompt, MediaUrls = Enumerable.Range(0, 13).Select(i => $"https://example.com/{i}.png").ToArray() }, RequestFields.MediaUrls, "At most 12" },
            { "plain http reference", new VideoRequest { Prompt = Prompt, MediaUrls = new[] { "https://example.com/a.png", "http://example.com/b.png" } }, RequestFields.MediaUrls, "public https URL" },
            { "relative reference", new VideoRequest { Prompt = Prompt, MediaUrls = new[] { "a.png" } }, RequestFields.MediaUrls, "public https URL" },
            { "image-to-video without a start frame", new VideoRequest { Prompt = Prompt, Mode = "image-to-video" }, RequestFields.ImageUrl, "requires a start frame (image_url)" },
            { "media-to-video without references", new VideoRequest { Prompt = Prompt, Mode = "media-to-video" }, RequestFields.MediaUrls, "requires at least one reference URL (media_urls)" },
            { "media-to-video with an empty list", new VideoRequest { Prompt = Prompt, Mode = "media-to-video", MediaUrls = Array.Empty<string>() }, RequestFields.MediaUrls, "requires at least one reference URL (media_urls)" },
        };

        [Fact]
        public void The_table_has_at_least_thirty_cases()
        {
            Assert.True(BadRequests.Count >= 30);
        }

        [Theory]
        [MemberData(nameof(BadRequests))]
        public void A_bad_request_is_refused_naming_its_field_and_the_allowed_values(string description, object request, string field, string allowed)
        {
            var problems = VideoRequestValidator.Validate((VideoRequest)request);

            var problem = Assert.Single(problems, p => p.Field == field);
            Assert.Contains(allowed, problem.Message, StringComparison.Ordinal);
            Assert.StartsWith(field + ": ", problem.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("secret", problem.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(description));
        }

        [Fact]
        public async System.Threading.Tasks.Task A_bad_request_is_refused_by_the_client_before_anything_is_sent()
        {
            var client = new SeedanceClient(new SeedanceClientOptions { BaseUri = new Uri("http://127.0.0.1:9/"), ApiKey = RateGovernorTests.Key("sk_test_validation") });

            var error = await Assert.ThrowsAsync<SeedanceValidationException>(() => client.SubmitAsync(new VideoRequest { Prompt = "ab", Duration = 99 }));

            Assert.Equal(SeedanceErrorCodes.InvalidParameter, error.ErrorCode);
            Assert.Equal(new[] { RequestFields.Prompt, RequestFields.Duration }, error.Problems.Select(p => p.Field));
        }

        [Fact]
        public void A_request_is_canonicalised_once_each_value_spelt_as_the_API_spells_it_and_an_inferred_mode_named()
        {
            var canonical = VideoRequestValidator.Canonical(new VideoRequest
            {
                Prompt = Prompt,
                QualityTier = " PRO ",
                Channel = "Wild",
                AspectRatio = "ADAPTIVE",
                Resolution = "4K",
                MediaUrls = new[] { "https://example.com/ref.png" },
            });

            Assert.Equal(("pro", "wild", "adaptive", "4k", SeedanceValues.MediaToVideo), (canonical.QualityTier, canonical.Channel, canonical.AspectRatio, canonical.Resolution, canonical.Mode));
            Assert.Null(VideoRequestValidator.Canonical(new VideoRequest { Prompt = Prompt }).Mode);
        }

        [Fact]
        public void The_resolutions_a_tier_allows_come_from_the_one_table()
        {
            var problem = Assert.Single(VideoRequestValidator.Validate(new VideoRequest { Prompt = Prompt, QualityTier = "mini", Resolution = "4k" }));

            Assert.EndsWith($"Allowed on mini: {string.Join(", ", SeedanceValues.ResolutionsOn(SeedanceValues.MiniTier))}.", problem.Message, StringComparison.Ordinal);
            Assert.Equal(SeedanceValues.Resolutions, SeedanceValues.ResolutionsOn("PRO"));
        }

        [Fact]
        public void A_good_request_has_no_problems()
        {
            Assert.Empty(VideoRequestValidator.Validate(new VideoRequest
            {
                Prompt = Prompt,
                QualityTier = "pro",
                Resolution = "4k",
                Channel = "wild",
                Seed = 4294967295,
                Duration = 15,
                ImageUrl = "https://example.com/start.png",
                EndImageUrl = "https://example.com/end.png",
            }));
        }
    }
}
