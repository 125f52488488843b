using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Seedance.Client.RateLimiting;
using Seedance.RateLimiting;
using Xunit;

namespace Seedance.Client.Tests.Logic
{
    /// <summary>
    /// The governor on its own, in fake time where a test moves the clock exactly as far as it needs, many threads at once
    /// included: no test waits on the wall clock.
    /// </summary>
    public sealed class RateGovernorTests
    {
        private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(400);

        /// <summary>A caller that may wait out any pause.</summary>
        private static readonly TimeSpan AnyPause = TimeSpan.MaxValue;

        private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

        [Fact]
        public async Task Requests_within_the_limit_leave_at_once_and_the_next_waits_for_a_window_after_the_first_ended()
        {
            var time = new FakeTimeProvider(Noon);
            var governor = new RateGovernor(3, Window, time);
            (await governor.AcquireAsync(null, AnyPause, CancellationToken.None)).Dispose();
            time.Advance(TimeSpan.FromMilliseconds(100));
            (await governor.AcquireAsync(null, AnyPause, CancellationToken.None)).Dispose();
            (await governor.AcquireAsync(null, AnyPause, CancellationToken.None)).Dispose();
            Assert.Equal(0, governor.Available);
            Assert.Equal(Window - TimeSpan.FromMilliseconds(100), governor.TimeUntilNextSlot);

            TimeSpan? told = null;
            var fourth = governor.AcquireAsync(wait => told = wait, AnyPause, CancellationToken.None);
            time.Advance(Window - TimeSpan.FromMilliseconds(101));
            Assert.False(fourth.IsCompleted, "the fourth request left before a window had passed since the first ended");
            time.Advance(TimeSpan.FromMilliseconds(1));
            (await fourth).Dispose();

            Assert.Equal(Window - TimeSpan.FromMilliseconds(100), told);
        }

        [Fact]
        public async Task A_slot_in_flight_is_not_freed_until_its_attempt_ends()
        {
            var time = new FakeTimeProvider(Noon);
            var governor = new RateGovernor(1, TimeSpan.FromMilliseconds(50), time);
            var inFlight = await governor.AcquireAsync(null, AnyPause, CancellationToken.None);
            var next = governor.AcquireAsync(null, AnyPause, CancellationToken.None);

            time.Advance(TimeSpan.FromSeconds(1));
            Assert.False(next.IsCompleted, "granted while the slot was still in flight");
            inFlight.Dispose();
            time.Advance(TimeSpan.FromMilliseconds(49));
            Assert.False(next.IsCompleted, "granted less than a window after the slot ended");
            time.Advance(TimeSpan.FromMilliseconds(1));
            (await next).Dispose();
        }

        [Fact]
        public async Task Waiters_are_served_in_order_of_arrival()
        {
            // One slot per window: each grant comes a window after the previous holder ended, so the order seen is the order granted.
            var time = new FakeTimeProvider(Noon);
            var window = TimeSpan.FromMilliseconds(20);
            var governor = new RateGovernor(1, window, time);
            var waiters = Enumerable.Range(0, 8).Select(_ => governor.AcquireAsync(null, AnyPause, CancellationToken.None)).ToList();

            var grants = await GrantsAsync(time, waiters, TimeSpan.FromSeconds(1));

            Assert.Equal(Enumerable.Range(0, 8), grants.OrderBy(g => g.At).Select(g => g.Waiter));
            Assert.Equal(Enumerable.Range(0, 8).Select(i => i * window), grants.Select(g => g.At).Order());
        }

        [Fact]
        public async Task No_window_ever_holds_more_than_the_limit_with_many_threads()
        {
            var time = new FakeTimeProvider(Noon);
            var window = TimeSpan.FromMilliseconds(200);
            var governor = new RateGovernor(5, window, time);

            // Twenty threads ask at the same moment; the slots are then ended from the thread pool, several at once.
            using var ready = new Barrier(20);
            var waiters = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Factory.StartNew(
                () =>
                {
                    ready.SignalAndWait();
                    return governor.AcquireAsync(null, AnyPause, CancellationToken.None);
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)));

            var starts = (await GrantsAsync(time, waiters, TimeSpan.FromSeconds(10))).Select(g => g.At).Order().ToList();

            // Five in any window: the sixth leaves exactly a window after the first ended, and none later than it must.
            for (var i = 5; i < starts.Count; i++)
            {
                Assert.True(starts[i] - starts[i - 5] >= window, $"request {i} left {starts[i] - starts[i - 5]} after request {i - 5}");
            }

            Assert.Equal(3 * window, starts[^1]);
        }

        [Fact]
        public async Task Cancelling_a_waiter_ends_its_wait_at_once_and_frees_its_place()
        {
            var governor = new RateGovernor(1, TimeSpan.FromSeconds(30), new FakeTimeProvider(Noon));
            (await governor.AcquireAsync(null, AnyPause, CancellationToken.None)).Dispose();
            using var cancel = new CancellationTokenSource();
            var waiting = governor.AcquireAsync(null, AnyPause, cancel.Token);
            var behindTheWaiter = governor.TimeUntilNextSlot;

            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            Assert.Equal(TimeSpan.FromSeconds(60), behindTheWaiter);
            Assert.Equal(TimeSpan.FromSeconds(30), governor.TimeUntilNextSlot);
        }

        [Fact]
        public async Task A_pause_holds_every_request_until_it_ends()
        {
            var time = new FakeTimeProvider(Noon);
            var governor = new RateGovernor(10, TimeSpan.FromSeconds(1), time);
            governor.Pause(TimeSpan.FromMilliseconds(300));
            Assert.Equal(0, governor.Available);

            var waiting = governor.AcquireAsync(null, AnyPause, CancellationToken.None);
            time.Advance(TimeSpan.FromMilliseconds(299));
            Assert.False(waiting.IsCompleted, "left before the pause ended");
            time.Advance(TimeSpan.FromMilliseconds(1));
            (await waiting).Dispose();
        }

        [Fact]
        public async Task A_pause_longer_than_the_callers_budget_fails_at_once_saying_until_when_and_a_shorter_one_is_waited_out()
        {
            var time = new FakeTimeProvider(Noon);
            var governor = new RateGovernor(10, TimeSpan.FromSeconds(60), time);
            governor.Pause(TimeSpan.FromSeconds(100_000));

            var beyond = await Assert.ThrowsAsync<SeedanceException>(() => governor.AcquireAsync(null, TimeSpan.FromSeconds(300), CancellationToken.None));

            Assert.Equal(SeedanceErrorCodes.RateLimited, beyond.ErrorCode);
            Assert.Equal((HttpStatusCode)429, beyond.Status);
            Assert.Equal(TimeSpan.FromSeconds(100_000), beyond.RetryAfter);
            Assert.Contains("until 2026-12-01 15:46:40 UTC", beyond.Message, StringComparison.Ordinal);
            Assert.Contains("(300 s)", beyond.Message, StringComparison.Ordinal);

            time.Advance(TimeSpan.FromSeconds(99_800));
            var within = governor.AcquireAsync(null, TimeSpan.FromSeconds(300), CancellationToken.None);
            Assert.False(within.IsCompleted);
            time.Advance(TimeSpan.FromSeconds(200));
            (await within).Dispose();
        }

        [Fact]
        public async Task A_waiter_fails_at_once_when_a_pause_beyond_its_budget_begins()
        {
            var time = new FakeTimeProvider(Noon);
            var governor = new RateGovernor(1, TimeSpan.FromSeconds(60), time);
            (await governor.AcquireAsync(null, TimeSpan.FromSeconds(300), CancellationToken.None)).Dispose();
            var patient = governor.AcquireAsync(null, AnyPause, CancellationToken.None);
            var waiting = governor.AcquireAsync(null, TimeSpan.FromSeconds(300), CancellationToken.None);

            governor.Pause(TimeSpan.FromSeconds(3600));

            var beyond = await Assert.ThrowsAsync<SeedanceException>(() => waiting);
            Assert.Contains("until 2026-11-30 13:00:00 UTC", beyond.Message, StringComparison.Ordinal);
            Assert.False(patient.IsCompleted);
            time.Advance(TimeSpan.FromSeconds(3600));
            (await patient).Dispose();
        }

        [Fact]
        public void Clients_of_one_account_share_one_governor_and_other_accounts_do_not()
        {
            var a = Options("http://127.0.0.1:1/", "sk_test_one");
            var b = Options("http://127.0.0.1:1/", "sk_test_one");
            var otherKey = Options("http://127.0.0.1:1/", "sk_test_two");
            var otherHost = Options("http://127.0.0.1:2/", "sk_test_one");

            Assert.Same(RateGovernor.For(a), RateGovernor.For(b));
            Assert.NotSame(RateGovernor.For(a), RateGovernor.For(otherKey));
            Assert.NotSame(RateGovernor.For(a), RateGovernor.For(otherHost));
        }

        [Fact]
        public void The_registry_names_an_account_by_a_fingerprint_never_by_its_key()
        {
            var id = RateGovernorRegistry.AccountId(Options("http://127.0.0.1:1/", "sk_test_secret_value"));

            Assert.DoesNotContain("sk_test_secret_value", id, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", id, StringComparison.Ordinal);
            Assert.Matches("^127\\.0\\.0\\.1:1/[0-9a-f]{32}$", id);
        }

        [Fact]
        public void The_governor_takes_the_limit_of_the_options()
        {
            var governor = RateGovernor.For(new SeedanceClientOptions
            {
                BaseUri = new Uri("http://127.0.0.1:3/"),
                ApiKey = Key("sk_test_limits"),
                RateLimitRequests = 7,
                RateLimitWindow = TimeSpan.FromSeconds(9),
            });

            Assert.Equal(7, governor.RequestsPerWindow);
            Assert.Equal(TimeSpan.FromSeconds(9), governor.Window);
            Assert.Equal(7, governor.Available);
            Assert.Equal(TimeSpan.Zero, governor.TimeUntilNextSlot);
        }

        /// <summary>
        /// Moves the fake clock a millisecond at a time until every waiter has its slot; notes when (since the start) each
        /// got it, and ends each slot at once from the thread pool, several together, before the clock moves on.
        /// </summary>
        private static async Task<List<(int Waiter, TimeSpan At)>> GrantsAsync(FakeTimeProvider time, IReadOnlyList<Task<RateSlot>> waiters, TimeSpan limit)
        {
            var start = time.GetUtcNow();
            var grants = new List<(int Waiter, TimeSpan At)>();
            while (grants.Count < waiters.Count)
            {
                var elapsed = time.GetUtcNow() - start;
                Assert.True(elapsed <= limit, $"{waiters.Count - grants.Count} waiters still had no slot after {elapsed}");
                var granted = Enumerable.Range(0, waiters.Count).Where(i => waiters[i].IsCompleted && !grants.Exists(g => g.Waiter == i)).ToList();
                grants.AddRange(granted.Select(i => (i, elapsed)));
                await Task.WhenAll(granted.Select(i => Task.Run(async () => (await waiters[i]).Dispose())));
                time.Advance(TimeSpan.FromMilliseconds(1));
            }

            return grants;
        }

        private static SeedanceClientOptions Options(string baseUri, string key) => new() { BaseUri = new Uri(baseUri), ApiKey = Key(key) };

        internal static SecureString Key(string text)
        {
            var key = new SecureString();
            foreach (var c in text)
            {
                key.AppendChar(c);
            }

            key.MakeReadOnly();
            return key;
        }
    }
}
