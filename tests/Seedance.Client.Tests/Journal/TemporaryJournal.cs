using System;
using System.IO;
using Seedance.Client.Journal;
using Seedance.Journal;

namespace Seedance.Client.Tests.Journal
{
    /// <summary>A journal in a temporary folder of its own, deleted afterwards: tests never touch the user's journal.</summary>
    internal sealed class TemporaryJournal : IDisposable
    {
        public TemporaryJournal()
        {
            Folder = Path.Combine(Path.GetTempPath(), "seedance-journal-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
            FilePath = Path.Combine(Folder, JournalLocation.FileName);
            Journal = new TaskJournal(FilePath, Warnings.Add);
        }

        public string Folder { get; }

        public string FilePath { get; }

        public TaskJournal Journal { get; }

        public System.Collections.Generic.List<string> Warnings { get; } = new();

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
