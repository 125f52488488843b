using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Seedance.Client.Journal;
using Seedance.Journal;
using Seedance.Client.Json;
using Xunit;

namespace Seedance.Client.Tests.Journal
{
    /// <summary>
    /// The journal stores the task as the API answered it, in the shape of <see cref="SeedanceTask"/>, and still reads the
    /// flat lines 0.1.0 wrote (Fixtures/journal-0.1.0.jsonl: written by the 0.1.0 module against the sandbox).
    /// </summary>
    public sealed class JournalFormatTests
    {
        private static string Release010 => Path.Combine(AppContext.BaseDirectory, "Journal", "Fixtures", "journal-0.1.0.jsonl");

        [Fact]
        public void A_journal_written_by_0_1_0_still_reads_every_task_in_every_state()
        {
            using var temp = new TemporaryJournal();
            File.Copy(Release010, temp.FilePath);

            var snapshot = temp.Journal.Read();

            Assert.Empty(snapshot.Warnings);
            var tasks = snapshot.Entries.ToDictionary(e => e.IdempotencyKey, e => e.ToTask());
            Assert.Equal(6, tasks.Count);
            Assert.Equal(new[] { "legacy\r\nbroken", "legacy-refused-401", "legacy-processing", "legacy-unconfirmed", "legacy-failed", "legacy-completed" }, snapshot.Entries.Select(e => e.IdempotencyKey));

            var completed = tasks["legacy-completed"];
            Assert.Equal(("sd2_w5hrftrwl4fz18hgye5q", TaskStatuses.Completed, "A red fox in snow"), (completed.Id, completed.Status, completed.Prompt));
            Assert.Equal(("pro", "standard", "4k", 8, "seedance2"), (completed.QualityTier, completed.Channel, completed.Resolution, completed.Duration, completed.Model));
            Assert.Equal((480m, 0m, 3063797136L), (completed.CreditsUsed, completed.CreditsRefunded, completed.Seed));
            Assert.StartsWith("http://127.0.0.1:35369/results/sd2_w5hrftrwl4fz18hgye5q/video.mp4?expires=", completed.VideoUrl, StringComparison.Ordinal);
            Assert.StartsWith("http://127.0.0.1:35369/results/sd2_w5hrftrwl4fz18hgye5q/last-frame.png?expires=", completed.LastFrameUrl, StringComparison.Ordinal);
            Assert.Equal(DateTimeOffset.Parse("2026-11-29T23:43:53.126+00:00", System.Globalization.CultureInfo.InvariantCulture), completed.CreatedAt);
            Assert.Equal(DateTimeOffset.Parse("2026-11-29T23:43:53.626+00:00", System.Globalization.CultureInfo.InvariantCulture), completed.UpdatedAt);

            var failed = tasks["legacy-failed"];
            Assert.Equal((TaskStatuses.Failed, 30m, 30m), (failed.Status, failed.CreditsUsed, failed.CreditsRefunded));
            Assert.Equal(("generation_failed", "The video could not be generated; the credits were refunded."), (failed.Error?.Code, failed.Error?.Message));
            Assert.Equal(("720p", 5), (failed.Resolution, failed.Duration));

            var processing = tasks["legacy-processing"];
            Assert.Equal(("sd2_cxe2soai7kclxvdvemph", TaskStatuses.Processing, 30m), (processing.Id, processing.Status, processing.CreditsUsed));

            var lost = tasks["legacy-unconfirmed"];
            Assert.Equal((string.Empty, JournalEntry.UnconfirmedStatus, "A lighthouse in a storm"), (lost.Id, lost.Status, lost.Prompt));
            Assert.Equal(new Uri("http://127.0.0.1:35369/"), snapshot.Entries.Single(e => e.IdempotencyKey == "legacy-unconfirmed").BaseUri);
        }

        [Fact]
        public void Lines_written_now_fold_onto_the_lines_0_1_0_wrote()
        {
            using var temp = new TemporaryJournal();
            File.Copy(Release010, temp.FilePath);

            temp.Journal.Observed(new SeedanceTask { Id = "sd2_cxe2soai7kclxvdvemph", Status = TaskStatuses.Completed, VideoUrl = "https://cdn.example/v.mp4" });

            var task = temp.Journal.Read().Entries.Single(e => e.IdempotencyKey == "legacy-processing").ToTask();
            Assert.Equal((TaskStatuses.Completed, "https://cdn.example/v.mp4"), (task.Status, task.VideoUrl));
            Assert.Equal(("Still rendering", "standard", 30m), (task.Prompt, task.QualityTier, task.CreditsUsed));
        }

        [Fact]
        public void A_task_is_journaled_as_the_task_itself_and_every_field_comes_back()
        {
            using var temp = new TemporaryJournal();
            var task = new SeedanceTask
            {
                Id = "sd2_every",
                Status = TaskStatuses.Failed,
                Model = "seedance2",
                QualityTier = "pro",
                Channel = "wild",
                CreditsUsed = 120.5m,
                CreditsRefunded = 120.5m,
                VideoUrl = "https://cdn.example/v.mp4?sig=1",
                LastFrameUrl = "https://cdn.example/f.png?sig=1",
                Seed = 4294967295,
                Error = new SeedanceTaskError("blocked", "Blocked by moderation"),
                CreatedAt = new DateTimeOffset(2026, 6, 3, 10, 0, 0, TimeSpan.Zero),
                UpdatedAt = new DateTimeOffset(2026, 6, 3, 10, 3, 12, TimeSpan.Zero),
            };

            temp.Journal.Submitted("key-every", task);

            var line = JsonDocument.Parse(File.ReadAllLines(temp.FilePath).Single()).RootElement.GetProperty("event");
            Assert.Equal("sd2_every", line.GetProperty("task").GetProperty("id").GetString());
            Assert.False(line.TryGetProperty("task_id", out _));
            var read = Assert.Single(temp.Journal.Read().Entries).ToTask();
            task.IdempotencyKey = "key-every";
            Assert.Equal(JsonSerializer.Serialize(task, SeedanceJsonContext.Default.SeedanceTask), JsonSerializer.Serialize(read, SeedanceJsonContext.Default.SeedanceTask));
        }

        [Fact]
        public void A_later_answer_keeps_what_an_earlier_one_said_and_it_did_not()
        {
            using var temp = new TemporaryJournal();
            temp.Journal.Submitting("key-1", Encoding.UTF8.GetBytes("{\"prompt\":\"A kite\"}"), new Uri("http://127.0.0.1:5080/"), DateTimeOffset.UtcNow);
            temp.Journal.Submitted("key-1", new SeedanceTask { Id = "sd2_kite", QualityTier = "standard", CreditsUsed = 30 });
            temp.Journal.Observed(new SeedanceTask { Id = "sd2_kite", Status = TaskStatuses.Completed, VideoUrl = "https://cdn.example/kite.mp4" });

            var task = Assert.Single(temp.Journal.Read().Entries).ToTask();

            Assert.Equal((TaskStatuses.Completed, "standard", 30m, "https://cdn.example/kite.mp4"), (task.Status, task.QualityTier, task.CreditsUsed, task.VideoUrl));
        }
    }
}
