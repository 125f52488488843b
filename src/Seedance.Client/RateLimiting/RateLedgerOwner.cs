using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Seedance.Client.Journal;

namespace Seedance.Client.RateLimiting
{
    /// <summary>
    /// This process as a user of one ledger folder: a file <c>&lt;id&gt;.alive</c> that the process holds open with
    /// <see cref="FileShare.None"/> for as long as it lives. The OS drops that lock when the process dies, however it
    /// dies, so another process can tell a dead owner's slots (still marked in flight) from a live one's.
    /// </summary>
    internal sealed class RateLedgerOwner : IDisposable
    {
        private const string Extension = ".alive";
        private static readonly Dictionary<string, RateLedgerOwner> ThisProcess = new(StringComparer.Ordinal);
        private readonly FileStream _alive;

        /// <summary>Becomes an owner in <paramref name="folder"/> (public for tests, which play several processes in one).</summary>
        public RateLedgerOwner(string folder)
        {
            Folder = folder;
            Id = Process.GetCurrentProcess().Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N").Substring(0, 12);
            var path = PathOf(folder, Id);
            _alive = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            OwnerOnlyFiles.RestrictFile(path);
            RemoveDeadOwners();
        }

        /// <summary>How the ledger names this owner's slots.</summary>
        public string Id { get; }

        public string Folder { get; }

        /// <summary>This process's owner in <paramref name="folder"/>, made on first use and kept for the process's life.</summary>
        public static RateLedgerOwner For(string folder)
        {
            lock (ThisProcess)
            {
                if (!ThisProcess.TryGetValue(folder, out var owner))
                {
                    owner = new RateLedgerOwner(folder);
                    ThisProcess.Add(folder, owner);
                }

                return owner;
            }
        }

        /// <summary>
        /// True unless the owner's process has ended: its file is gone, or it can be opened exclusively (then it is removed).
        /// A file that cannot be opened for another reason counts as alive, so a slot is never freed early.
        /// </summary>
        public static bool IsAlive(string folder, string id)
        {
            try
            {
                using (new FileStream(PathOf(folder, id), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose))
                {
                    return false;
                }
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return false;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return true;
            }
        }

        /// <summary>Ends this owner: in a test, what a process's death does.</summary>
        public void Dispose() => _alive.Dispose();

        private static string PathOf(string folder, string id) => Path.Combine(folder, id + Extension);

        /// <summary>
        /// Removes the files of owners that ended, so the folder does not fill up; a file younger than a few seconds is left
        /// alone, since its owner may not have locked it yet.
        /// </summary>
        private void RemoveDeadOwners()
        {
            var settled = DateTime.UtcNow - TimeSpan.FromSeconds(10);
            foreach (var file in Directory.EnumerateFiles(Folder, "*" + Extension))
            {
                var id = Path.GetFileNameWithoutExtension(file);
                if (id != Id && File.GetLastWriteTimeUtc(file) < settled)
                {
                    IsAlive(Folder, id);
                }
            }
        }
    }
}
