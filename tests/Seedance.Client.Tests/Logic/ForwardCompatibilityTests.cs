using System.Text;
using Seedance.Client.Json;
using Xunit;

namespace Seedance.Client.Tests.Logic
{
    /// <summary>The API may grow: unknown fields and statuses never break reading.</summary>
    public sealed class ForwardCompatibilityTests
    {
        [Fact]
        public void Unknown_fields_anywhere_in_a_task_are_ignored()
        {
            var task = TaskMapper.Read(Encoding.UTF8.GetBytes(
                "{\"id\":\"sd2_1\",\"status\":\"completed\",\"priority\":{\"lane\":\"fast\"},\"tags\":[1,2]," +
                "\"output\":{\"video_url\":\"https://cdn.example/v.mp4\",\"thumbnails\":[\"a\"],\"seed\":12}," +
                "\"credits_used\":30,\"region\":\"eu\"}"));

            Assert.Equal("sd2_1", task.Id);
            Assert.True(task.IsCompleted);
            Assert.Equal("https://cdn.example/v.mp4", task.VideoUrl);
            Assert.Equal(12, task.Seed);
            Assert.Equal(30m, task.CreditsUsed);
        }

        [Fact]
        public void An_unknown_status_is_kept_as_text_and_counts_as_not_finished()
        {
            var task = TaskMapper.Read(Encoding.UTF8.GetBytes("{\"id\":\"sd2_2\",\"status\":\"queued_for_gpu\"}"));

            Assert.Equal("queued_for_gpu", task.Status);
            Assert.False(task.IsFinished);
        }

        [Fact]
        public void A_task_error_may_be_a_string_or_an_object_with_more_fields()
        {
            var asText = TaskMapper.Read(Encoding.UTF8.GetBytes("{\"id\":\"sd2_3\",\"status\":\"failed\",\"error\":\"moderation\"}"));
            var asObject = TaskMapper.Read(Encoding.UTF8.GetBytes("{\"id\":\"sd2_4\",\"status\":\"failed\",\"error\":{\"code\":\"blocked\",\"message\":\"Blocked\",\"detail\":{\"x\":1}}}"));

            Assert.Equal("moderation", asText.Error!.Message);
            Assert.Equal("blocked", asObject.Error!.Code);
            Assert.Equal("Blocked", asObject.Error.Message);
        }

        [Fact]
        public void An_error_envelope_with_extra_fields_still_gives_its_code()
        {
            var error = TaskMapper.ReadErrorEnvelope(Encoding.UTF8.GetBytes("{\"error\":{\"code\":\"service_busy\",\"message\":\"Busy\",\"retry_hint\":3},\"request_id\":\"r1\"}"));

            Assert.Equal("service_busy", error!.Code);
            Assert.Equal("Busy", error.Message);
        }
    }
}
