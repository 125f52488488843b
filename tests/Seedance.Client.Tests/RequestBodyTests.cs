using System.Text;
using Seedance.Client.Json;
using Seedance.Client.Requests;
using Seedance.Requests;
using Xunit;

namespace Seedance.Client.Tests
{
    public sealed class RequestBodyTests
    {
        [Fact]
        public void Omitted_fields_are_not_sent_and_duration_is_a_string()
        {
            var body = Encoding.UTF8.GetString(RequestBody.Serialize(new VideoRequest { Prompt = "A glass train", Duration = 5 }));

            Assert.Equal("{\"prompt\":\"A glass train\",\"duration\":\"5\"}", body);
        }

        [Fact]
        public void Values_are_sent_in_their_canonical_spelling_and_mode_is_inferred_from_media()
        {
            var body = Encoding.UTF8.GetString(RequestBody.Serialize(new VideoRequest
            {
                Prompt = "A glass train",
                QualityTier = "PRO",
                Resolution = "4K",
                MediaUrls = new[] { "https://example.com/a.png" },
            }));

            Assert.Equal("{\"mode\":\"media-to-video\",\"quality_tier\":\"pro\",\"prompt\":\"A glass train\",\"resolution\":\"4k\",\"media_urls\":[\"https://example.com/a.png\"]}", body);
        }

        [Fact]
        public void The_same_request_always_serializes_to_the_same_bytes()
        {
            var request = new VideoRequest { Prompt = "A glass train", Seed = 42, FixedLens = true, GenerateAudio = false };

            Assert.Equal(RequestBody.Serialize(request), RequestBody.Serialize(request));
        }
    }
}
