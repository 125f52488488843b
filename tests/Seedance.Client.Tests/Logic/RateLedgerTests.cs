using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Seedance.Client.Tests.Journal;
using Seedance.Client.RateLimiting;
using Seedance.RateLimiting;
using Xunit;

namespace Seedance.Client.Tests.Logic
{
    /// <summary>
    /// The machine-wide budget: governors with owners of their own play the processes of one machine, sharing a ledger
    /// in a folder of the test's own, on a fake clock.
    /// </summary>
    public sealed class RateLedgerTests : IDisposable
    {
        private const string Account = "127.0.0.1:5080/0123456789abcdef0123456789abcdef";
        private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
        private static readonly TimeSpan AnyPause = TimeSpan.MaxValue;
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "seedance-ledger-" + Guid.NewGuid().ToString("N"));
        private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        private readonly List<RateLedgerOwner> _owners = new();

        public RateLedgerTests() => Directory.CreateDirectory(_folder);

        [Fact]
        public void Two_processes_sharing_a_ledger_never_exceed_one_windows_budget_together()
        {
            var first = Process(limit: 3);
            var second = Process(limit: 3);
            var asked = Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? first : second).AcquireAsync(null, AnyPause, CancellationToken.None)).ToList();

            var granted = GrantTimes(asked, TimeSpan.FromSeconds(400));

            Assert.Equal(10, granted.Count);
            for (var i = 3; i < granted.Count; i++)
            {
                Assert.True(granted[i] - granted[i - 3] >= Window, $"grant {i} came {granted[i] - granted[i - 3]} after grant {i - 3}");
            }

            // Together they use the whole budget: three per window, the tenth slot in the fourth window (each window late by
            // at most the ledger's step, 1/64 of it).
            Assert.InRange(granted[9] - granted[0], TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(183));
        }

        [Fact]
        public async Task A_dead_processs_slots_in_flight_come_back_a_window_after_another_process_needs_them()
        {
            var dying = Owner();
            var first = Process(limit: 2, dying);
            var inFlight = new[] { await first.AcquireAsync(null, AnyPause, CancellationToken.None), await first.AcquireAsync(null, AnyPause, CancellationToken.None) };
            var second = Process(limit: 2);
            var waiting = second.AcquireAsync(null, AnyPause, CancellationToken.None);

            Advance(TimeSpan.FromSeconds(150));
            Assert.False(waiting.IsCompleted, "a live process's requests in flight hold their slots");

            dying.Dispose();
            var died = _time.GetUtcNow();
            var granted = GrantTimes(new[] { waiting }, TimeSpan.FromSeconds(120));

            // Found dead within a second (processes in line look again every second), counted from then, rounded up to the
            // ledger's step (1/64 of the window).
            Assert.InRange(granted.Single() - died, Window, Window + TimeSpan.FromSeconds(2));
            GC.KeepAlive(inFlight);
        }

        [Fact]
        public async Task A_slot_ended_by_one_process_frees_a_window_after_its_answer_for_the_others()
        {
            var first = Process(limit: 1);
            var second = Process(limit: 1);
            var answered = first.AcquireAsync(null, AnyPause, CancellationToken.None);
            Assert.True(answered.IsCompletedSuccessfully);
            var waiting = second.AcquireAsync(null, AnyPause, CancellationToken.None);
            Advance(TimeSpan.FromSeconds(5));

            (await answered).Dispose();
            var ended = _time.GetUtcNow();
            var granted = GrantTimes(new[] { waiting }, TimeSpan.FromSeconds(120));

            Assert.InRange(granted.Single() - ended, Window, Window + TimeSpan.FromSeconds(1));
        }

        [Fact]
        public async Task A_pause_one_process_records_holds_the_others_and_one_beyond_their_budget_fails_them_at_once()
        {
            var first = Process(limit: 10);
            var second = Process(limit: 10);
            (await second.AcquireAsync(null, AnyPause, CancellationToken.None)).Dispose();

            var paused = _time.GetUtcNow();
            first.Pause(TimeSpan.FromSeconds(30));
            var held = second.AcquireAsync(null, TimeSpan.FromSeconds(300), CancellationToken.None);
            var granted = GrantTimes(new[] { held }, TimeSpan.FromSeconds(60));
            Assert.InRange(granted.Single() - paused, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30.1));

            first.Pause(TimeSpan.FromSeconds(100_000));
            var beyond = await Assert.ThrowsAsync<SeedanceException>(() => second.AcquireAsync(null, TimeSpan.FromSeconds(300), CancellationToken.None));
            Assert.Equal(SeedanceErrorCodes.RateLimited, beyond.ErrorCode);
            Assert.Contains(" UTC", beyond.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task The_ledger_is_named_by_a_hash_of_the_account_and_holds_no_key_nor_host()
        {
            var governor = Process(limit: 5);
            (await governor.AcquireAsync(null, AnyPause, CancellationToken.None)).Dispose();
            governor.WriteReleases();

            var ledger = Assert.Single(Directory.GetFiles(_folder, "*.ledger"));
            Assert.Matches("^[0-9a-f]{32}\\.ledger$", Path.GetFileName(ledger));
            var content = File.ReadAllText(ledger);
            Assert.DoesNotContain("127.0.0.1", content, StringComparison.Ordinal);
            Assert.DoesNotContain("0123456789abcdef", content, StringComparison.Ordinal);
            Assert.Matches("^ended \\d+ 1\\n$", content);
        }

        [Fact]
        public async Task The_ledger_stays_a_few_dozen_lines_however_many_requests_a_window_holds()
        {
            var governor = Process(limit: 100_000);
            for (var i = 0; i < 3000; i++)
            {
                (await governor.AcquireAsync(null, AnyPause, CancellationToken.None)).Dispose();
                _time.Advance(TimeSpan.FromMilliseconds(10));
            }

            governor.WriteReleases();

            var lines = File.ReadAllLines(Assert.Single(Directory.GetFiles(_folder, "*.ledger")));
            Assert.InRange(lines.Length, 2, RateLedgerEntries.Resolution + 1);
            Assert.Equal(3000, lines.Sum(line => int.Parse(line.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture)));
        }

        [Fact]
        public async Task Lines_the_ledger_cannot_read_are_dropped_and_the_budget_goes_on()
        {
            var governor = Process(limit: 2);
            (await governor.AcquireAsync(null, AnyPause, CancellationToken.None)).Dispose();
            governor.WriteReleases();
            var ledger = Assert.Single(Directory.GetFiles(_folder, "*.ledger"));
            File.AppendAllText(ledger, "ended 12x 1\nopen\ngarbage line\npause -5\nended 5 0\nended ");

            var second = governor.AcquireAsync(null, AnyPause, CancellationToken.None);
            var third = governor.AcquireAsync(null, AnyPause, CancellationToken.None);

            Assert.True(second.IsCompletedSuccessfully);
            Assert.False(third.IsCompleted);
        }

        [Fact]
        public async Task A_ledger_folder_that_cannot_be_made_is_a_configuration_error_that_names_the_way_out()
        {
            var blocker = Path.Combine(_folder, "a-file");
            File.WriteAllText(blocker, "not a folder");
            var governor = new RateGovernor(5, Window, _time, new RateLedger(Path.Combine(blocker, "rate-limit"), Account, _time));

            var unusable = await Assert.ThrowsAsync<SeedanceException>(() => governor.AcquireAsync(null, AnyPause, CancellationToken.None));

            Assert.Equal(SeedanceErrorCodes.InvalidConfiguration, unusable.ErrorCode);
            Assert.Contains("SEEDANCE_RATE_LIMIT_SCOPE=process", unusable.Message, StringComparison.Ordinal);
            Assert.Contains("SEEDANCE_RATE_LEDGER_PATH", unusable.Message, StringComparison.Ordinal);
        }

        [UnixOnlyFact]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        public async Task The_ledger_folder_and_its_files_are_their_owners_alone()
        {
            var folder = Path.Combine(_folder, "new", "rate-limit");
            var governor = new RateGovernor(5, Window, _time, new RateLedger(folder, Account, _time));

            (await governor.AcquireAsync(null, AnyPause, CancellationToken.None)).Dispose();

            const UnixFileMode file = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            Assert.Equal(file | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            Assert.Equal(file | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(folder)!));
            Assert.All(Directory.GetFiles(folder), path => Assert.Equal(file, File.GetUnixFileMode(path)));
            Assert.Equal(2, Directory.GetFiles(folder).Length);
        }

        public void Dispose()
        {
            foreach (var owner in _owners)
            {
                owner.Dispose();
            }

            Directory.Delete(_folder, recursive: true);
        }

        private RateGovernor Process(int limit, RateLedgerOwner? owner = null) =>
            new(limit, Window, _time, new RateLedger(_folder, Account, _time, owner ?? Owner()));

        private RateLedgerOwner Owner()
        {
            var owner = new RateLedgerOwner(_folder);
            _owners.Add(owner);
            return owner;
        }

        private void Advance(TimeSpan span)
        {
            for (var passed = TimeSpan.Zero; passed < span; passed += TimeSpan.FromMilliseconds(100))
            {
                _time.Advance(TimeSpan.FromMilliseconds(100));
            }
        }

        /// <summary>Moves the fake clock on in steps of 100 ms, ending each slot as soon as it is granted; the grant times, in order.</summary>
        private List<DateTimeOffset> GrantTimes(IReadOnlyList<Task<RateSlot>> asked, TimeSpan limit)
        {
            var granted = new List<DateTimeOffset>();
            var pending = asked.ToList();
            for (var passed = TimeSpan.Zero; pending.Count > 0 && passed <= limit; passed += TimeSpan.FromMilliseconds(100))
            {
                while (pending.Find(t => t.IsCompleted) is { } done)
                {
                    pending.Remove(done);
                    granted.Add(_time.GetUtcNow());
                    done.Result.Dispose();
                }

                _time.Advance(TimeSpan.FromMilliseconds(100));
            }

            return granted;
        }
    }
}
