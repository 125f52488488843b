using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace Seedance.Client.Journal
{
    /// <summary>
    /// Exclusive access to the journal (or a rate ledger) across threads and processes: a lock file opened with <see cref="FileShare.None"/>
    /// (an OS lock on Windows, Linux and macOS alike) behind an in-process gate, so threads queue instead of spinning.
    /// The OS drops the lock when its process dies, so a crash never leaves the journal locked.
    /// </summary>
    internal sealed class JournalFileLock : IDisposable
    {
        private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
        private readonly SemaphoreSlim _gate;
        private readonly FileStream _file;

        private JournalFileLock(SemaphoreSlim gate, FileStream file)
        {
            _gate = gate;
            _file = file;
        }

        public static JournalFileLock Acquire(string lockPath, TimeSpan timeout)
        {
            var gate = Gates.GetOrAdd(lockPath, static _ => new SemaphoreSlim(1, 1));
            var clock = Stopwatch.StartNew();
            if (!gate.Wait(timeout))
            {
                throw new IOException($"The lock file '{lockPath}' stayed busy for {timeout.TotalSeconds:0} s.");
            }

            try
            {
                var pause = 1;
                while (true)
                {
                    try
                    {
                        return new JournalFileLock(gate, new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
                    }
                    catch (IOException) when (clock.Elapsed < timeout)
                    {
                        // Another process holds the lock: its writes take milliseconds, so a short growing pause suffices.
                        Thread.Sleep(pause);
                        pause = Math.Min(pause * 2, 50);
                    }
                }
            }
            catch
            {
                gate.Release();
                throw;
            }
        }

        /// <summary>The lock file itself, open for reading and writing while the lock is held: a rate ledger keeps its content there.</summary>
        public FileStream Stream => _file;

        public void Dispose()
        {
            _file.Dispose();
            _gate.Release();
        }
    }
}
