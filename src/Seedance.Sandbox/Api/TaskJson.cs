using System;
using Seedance.Sandbox.Http;

namespace Seedance.Sandbox.Api
{
    /// <summary>The task bodies of the contract: the 202 of a submit and the 200 of a status query.</summary>
    internal static class TaskJson
    {
        public const string Model = "seedance2";

        public static byte[] Accepted(SandboxTask task) => JsonResponses.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", task.Id);
            w.WriteString("status", "processing");
            w.WriteString("model", Model);
            w.WriteString("quality_tier", task.Request.QualityTier);
            w.WriteString("channel", task.Request.Channel);
            w.WriteNumber("credits_used", task.Credits);
            w.WriteEndObject();
        });

        public static byte[] Status(SandboxTask task, DateTimeOffset now, Func<string, Uri> resultUrl) => JsonResponses.Build(w =>
        {
            var status = task.StatusAt(now);
            w.WriteStartObject();
            w.WriteString("id", task.Id);
            w.WriteString("status", status);
            w.WriteString("model", Model);
            w.WriteString("quality_tier", task.Request.QualityTier);
            w.WriteString("channel", task.Request.Channel);
            w.WriteNumber("credits_used", task.Credits);
            w.WriteNumber("credits_refunded", status == "failed" ? task.Credits : 0);
            if (status == "completed")
            {
                w.WriteStartObject("output");
                w.WriteString("video_url", resultUrl(ResultFiles.Video).AbsoluteUri);
                w.WriteString("last_frame_url", resultUrl(ResultFiles.LastFrame).AbsoluteUri);
                w.WriteNumber("seed", task.OutputSeed);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("output");
            }

            if (status == "failed")
            {
                w.WriteStartObject("error");
                w.WriteString("code", "generation_failed");
                w.WriteString("message", "The video could not be generated; the credits were refunded.");
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("error");
            }

            w.WriteString("created_at", JsonResponses.Timestamp(task.CreatedAt));
            w.WriteString("updated_at", JsonResponses.Timestamp(status == "processing" ? task.CreatedAt : task.FinishesAt));
            w.WriteEndObject();
        });
    }
}
