using System;
using System.IO;
using System.Text;
using Seedance.Client.Journal;
using Seedance.Journal;
using Xunit;

namespace Seedance.Client.Tests.Journal
{
    /// <summary>The journal holds prompts, bodies and signed result URLs: what the module creates for it is its owner's alone.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public sealed class JournalFileModeTests
    {
        private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

        private static readonly Uri Sandbox = new("http://127.0.0.1:5080/");

        [UnixOnlyFact]
        public void A_journal_in_a_new_folder_is_readable_by_its_owner_alone()
        {
            using var temp = new TemporaryJournal();
            var path = Path.Combine(temp.Folder, "new", "journal.jsonl");

            new TaskJournal(path).Submitting("key-1", Encoding.UTF8.GetBytes("{\"prompt\":\"private\"}"), Sandbox, DateTimeOffset.UtcNow);

            Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(path));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(path + ".lock"));
        }

        [UnixOnlyFact]
        public void A_folder_the_module_did_not_create_keeps_its_mode()
        {
            using var temp = new TemporaryJournal();
            var shared = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
            File.SetUnixFileMode(temp.Folder, shared);

            temp.Journal.Submitting("key-1", Encoding.UTF8.GetBytes("{\"prompt\":\"private\"}"), Sandbox, DateTimeOffset.UtcNow);

            Assert.Equal(shared, File.GetUnixFileMode(temp.Folder));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(temp.FilePath));
        }

        [UnixOnlyFact]
        public void Pruning_rewrites_the_journal_still_readable_by_its_owner_alone()
        {
            using var temp = new TemporaryJournal();
            temp.Journal.Submitting("key-1", Encoding.UTF8.GetBytes("{\"prompt\":\"private\"}"), Sandbox, DateTimeOffset.UtcNow);
            temp.Journal.Submitted("key-1", new SeedanceTask { Id = "sd2_1", Status = TaskStatuses.Completed });

            temp.Journal.Prune(DateTimeOffset.UtcNow.AddDays(1));

            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(temp.FilePath));
        }
    }
}
