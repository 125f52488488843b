using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Seedance.Client.Journal;
using Seedance.Journal;
using Xunit;

namespace Seedance.Client.Tests.Journal
{
    public sealed class TaskJournalTests
    {
        private static readonly Uri Sandbox = new("http://127.0.0.1:5080/");

        private static byte[] Body(string prompt, string? resolution = null) =>
            Encoding.UTF8.GetBytes("{\"prompt\":\"" + prompt + "\"" + (resolution is null ? string.Empty : ",\"resolution\":\"" + resolution + "\"") + ",\"duration\":\"8\"}");

        private static SeedanceTask Task(string id, string status = TaskStatuses.Processing, decimal used = 30, decimal? refunded = null) =>
            new() { Id = id, Status = status, QualityTier = "standard", Channel = "standard", CreditsUsed = used, CreditsRefunded = refunded };

        [Fact]
        public void Submission_is_folded_into_one_entry_with_body_task_and_latest_state()
        {
            using var temp = new TemporaryJournal();
            var body = Body("A glass train", "1080p");
            var at = DateTimeOffset.UtcNow.AddMinutes(-1);

            temp.Journal.Submitting("key-1", body, Sandbox, at);
            temp.Journal.Submitted("key-1", Task("sd2_1"));
            temp.Journal.Observed(Task("sd2_1", TaskStatuses.Completed));

            var entry = Assert.Single(temp.Journal.Read().Entries);
            Assert.Equal("key-1", entry.IdempotencyKey);
            Assert.Equal(body, entry.GetBody());
            Assert.Equal(Sandbox, entry.BaseUri);
            Assert.Equal(at, entry.SubmittedAt);
            Assert.True(entry.IsConfirmed);
            var task = entry.ToTask();
            Assert.Equal("sd2_1", task.Id);
            Assert.Equal(TaskStatuses.Completed, task.Status);
            Assert.Equal("A glass train", task.Prompt);
            Assert.Equal("1080p", task.Resolution);
            Assert.Equal(8, task.Duration);
            Assert.Equal("key-1", task.IdempotencyKey);
        }

        [Fact]
        public void Submission_without_response_is_listed_as_unconfirmed_with_its_body()
        {
            using var temp = new TemporaryJournal();
            temp.Journal.Submitting("key-lost", Body("Lost in transit"), Sandbox, DateTimeOffset.UtcNow);

            var entry = Assert.Single(temp.Journal.Read().Entries);
            Assert.False(entry.IsConfirmed);
            Assert.Null(entry.TaskId);
            Assert.Equal(JournalEntry.UnconfirmedStatus, entry.ToTask().Status);
            Assert.Equal("Lost in transit", entry.ToTask().Prompt);
        }

        [Fact]
        public void Repeated_observation_of_the_same_state_writes_one_line()
        {
            using var temp = new TemporaryJournal();
            temp.Journal.Submitting("key-1", Body("Polling"), Sandbox, DateTimeOffset.UtcNow);
            temp.Journal.Submitted("key-1", Task("sd2_poll"));
            for (var i = 0; i < 5; i++)
            {
                temp.Journal.Observed(Task("sd2_poll"));
            }

            temp.Journal.Observed(Task("sd2_poll", TaskStatuses.Completed));

            Assert.Equal(3, File.ReadAllLines(temp.FilePath).Length);
        }

        [Fact]
        public void Rereading_a_finished_task_whose_urls_are_signed_afresh_writes_no_new_line()
        {
            using var temp = new TemporaryJournal();
            temp.Journal.Submitting("key-1", Body("Signed"), Sandbox, DateTimeOffset.UtcNow);
            temp.Journal.Submitted("key-1", Task("sd2_signed"));
            for (var i = 0; i < 5; i++)
            {
                var completed = Task("sd2_signed", TaskStatuses.Completed);
                completed.VideoUrl = "https://cdn.example/sd2_signed/video.mp4?expires=" + i + "&signature=s" + i;
                completed.LastFrameUrl = "https://cdn.example/sd2_signed/last-frame.png?expires=" + i + "&signature=f" + i;
                temp.Journal.Observed(completed);
            }

            Assert.Equal(3, File.ReadAllLines(temp.FilePath).Length);
            Assert.Equal("https://cdn.example/sd2_signed/video.mp4?expires=0&signature=s0", Assert.Single(temp.Journal.Read().Entries).ToTask().VideoUrl);
        }

        [Fact]
        public void A_line_whose_envelope_was_reformatted_by_hand_still_reads_when_its_event_is_intact()
        {
            using var temp = new TemporaryJournal();
            temp.Journal.Submitting("key-1", Body("Edited by hand"), Sandbox, DateTimeOffset.UtcNow);
            var line = File.ReadAllText(temp.FilePath).TrimEnd('\n');
            var reformatted = line.Replace("{\"sum\":", "{ \"sum\": ", StringComparison.Ordinal).Replace(",\"event\":", ", \"event\": ", StringComparison.Ordinal);
            File.WriteAllText(temp.FilePath, reformatted + "\r\n");

            var snapshot = temp.Journal.Read();

            Assert.Empty(snapshot.Warnings);
            Assert.Equal("key-1", Assert.Single(snapshot.Entries).IdempotencyKey);
        }

        [Fact]
        public void A_late_processing_observation_does_not_undo_a_finished_state()
        {
            using var temp = new TemporaryJournal();
            temp.Journal.Submitting("key-1", Body("Race"), Sandbox, DateTimeOffset.UtcNow);
            temp.Journal.Submitted("key-1", Task("sd2_race"));
            temp.Journal.Observed(Task("sd2_race", TaskStatuses.Failed, refunded: 30));
            new TaskJournal(temp.FilePath).Observed(Task("sd2_race"));

            var task = Assert.Single(temp.Journal.Read().Entries).ToTask();
            Assert.Equal(TaskStatuses.Failed, task.Status);
            Assert.Equal(30m, task.CreditsRefunded);
        }

        [Fact]
        public void Torn_last_line_and_corrupted_line_are_skipped_with_warnings_and_good_entries_remain()
        {
            using var temp = new TemporaryJournal();
            for (var i = 0; i < 3; i++)
            {
                temp.Journal.Submitting("key-" + i, Body("Prompt " + i), Sandbox, DateTimeOffset.UtcNow.AddSeconds(i));
                temp.Journal.Submitted("key-" + i, Task("sd2_" + i));
            }

            var lines = File.ReadAllLines(temp.FilePath).ToList();
            lines[3] = lines[3].Replace("sd2_1", "sd2_9", StringComparison.Ordinal);
            lines.Insert(4, "{ this is not json");
            var torn = lines[6].Substring(0, lines[6].Length / 2);
            lines.RemoveAt(6);
            File.WriteAllText(temp.FilePath, string.Join("\n", lines) + "\n" + torn);

            var snapshot = temp.Journal.Read();

            Assert.Equal(3, snapshot.Warnings.Count);
            Assert.Contains(snapshot.Warnings, w => w.Contains("checksum", StringComparison.Ordinal));
            Assert.Contains(snapshot.Warnings, w => w.Contains("incomplete", StringComparison.Ordinal));
            Assert.Equal(new[] { "key-2", "key-1", "key-0" }, snapshot.Entries.Select(e => e.IdempotencyKey));
            Assert.Equal("sd2_0", snapshot.Entries[2].TaskId);
            Assert.All(snapshot.Entries.Take(2), e => Assert.False(e.IsConfirmed));
        }

        [Fact]
        public void Appending_after_a_torn_line_starts_a_new_line_and_is_read_back()
        {
            using var temp = new TemporaryJournal();
            temp.Journal.Submitting("key-1", Body("Before the crash"), Sandbox, DateTimeOffset.UtcNow);
            File.AppendAllText(temp.FilePath, "{\"sum\":\"00\",\"event\":{\"kind\":\"subm");

            temp.Journal.Submitted("key-1", Task("sd2_after"));

            var snapshot = temp.Journal.Read();
            Assert.Equal("sd2_after", Assert.Single(snapshot.Entries).TaskId);
            Assert.Single(snapshot.Warnings);
        }

        [Fact]
        public void Concurrent_appends_from_many_threads_and_journal_instances_are_all_kept_intact()
        {
            using var temp = new TemporaryJournal();
            const int Writers = 8;
            const int PerWriter = 40;

            Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, writer =>
            {
                var journal = new TaskJournal(temp.FilePath);
                for (var i = 0; i < PerWriter; i++)
                {
                    var key = $"key-{writer}-{i}";
                    journal.Submitting(key, Body(new string('x', 200) + key), Sandbox, DateTimeOffset.UtcNow);
                    journal.Submitted(key, Task($"sd2_{writer}_{i}"));
                }
            });

            var snapshot = temp.Journal.Read();
            Assert.Empty(snapshot.Warnings);
            Assert.Equal(Writers * PerWriter, snapshot.Entries.Count);
            Assert.Equal(Writers * PerWriter, snapshot.Entries.Select(e => e.TaskId).Distinct().Count());
            Assert.All(snapshot.Entries, e => Assert.True(e.IsConfirmed && e.Attempts == 1));
        }

        [Fact]
        public void Prune_removes_only_old_finished_entries_and_keeps_unconfirmed_and_running_ones()
        {
            using var temp = new TemporaryJournal();
            var old = DateTimeOffset.UtcNow.AddDays(-40);
            temp.Journal.Submitting("old-done", Body("Old and done"), Sandbox, old);
            temp.Journal.Submitted("old-done", Task("sd2_done", TaskStatuses.Completed));
            temp.Journal.Submitting("old-lost", Body("Old and lost"), Sandbox, old);
            temp.Journal.Submitting("new-running", Body("New and running"), Sandbox, DateTimeOffset.UtcNow);
            temp.Journal.Submitted("new-running", Task("sd2_running"));
            temp.Journal.Observed(Task("sd2_elsewhere", TaskStatuses.Completed));

            var removed = temp.Journal.Prune(DateTimeOffset.UtcNow.AddSeconds(1));

            Assert.Equal("old-done", Assert.Single(removed).IdempotencyKey);
            var snapshot = temp.Journal.Read();
            Assert.Empty(snapshot.Warnings);
            Assert.Equal(new[] { "new-running", "old-lost" }, snapshot.Entries.Select(e => e.IdempotencyKey));
            Assert.DoesNotContain("sd2_done", File.ReadAllText(temp.FilePath), StringComparison.Ordinal);
            Assert.DoesNotContain("sd2_elsewhere", File.ReadAllText(temp.FilePath), StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(temp.Folder, "*.tmp"));
        }

        [Fact]
        public void Unwritable_journal_refuses_the_submit_with_a_clear_error()
        {
            using var temp = new TemporaryJournal();
            var blocked = Path.Combine(temp.Folder, "a-file");
            File.WriteAllText(blocked, "not a folder");
            var journal = new TaskJournal(Path.Combine(blocked, "journal.jsonl"));

            var error = Assert.Throws<SeedanceException>(() => journal.Submitting("key-1", Body("Nope"), Sandbox, DateTimeOffset.UtcNow));

            Assert.Equal(SeedanceErrorCodes.InvalidConfiguration, error.ErrorCode);
            Assert.Contains("-NoJournal", error.Message, StringComparison.Ordinal);
        }
    }
}
