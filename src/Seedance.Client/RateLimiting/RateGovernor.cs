using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Seedance.Client.RateLimiting
{
    /// <summary>
    /// The request budget of one account: at most <see cref="RequestsPerWindow"/> requests in any <see cref="Window"/>,
    /// shared by every <see cref="SeedanceClient"/>, thread and runspace of the process that uses the same account, and,
    /// through a ledger file, by every process of this user on this machine that does (unless the options keep it to the
    /// process). Every attempt of every request takes a slot; waiters in one process are served first come, first served.
    /// </summary>
    /// <remarks>
    /// A sliding-window log: each slot is stamped when its request's answer arrives (or the attempt is abandoned), which is
    /// no earlier than the moment the server counted it, so no process gets ahead of the server's own window. The process's
    /// own log stands in front of the ledger: a request that this process's budget must hold back never touches the file.
    /// </remarks>
    internal sealed class RateGovernor : IRequestBudget
    {
        /// <summary>How long the end of a slot may wait to ride with this process's next request before it is written alone.</summary>
        private static readonly TimeSpan ReleaseDelay = TimeSpan.FromMilliseconds(50);

        private readonly object _gate = new();
        // Answered requests' stamps, oldest first (the clock only moves forward), and the count of requests still in flight.
        private readonly Queue<TimeSpan> _answeredAt = new();
        private int _inFlight;
        private readonly LinkedList<Waiter> _waiters = new();
        private readonly TimeProvider _time;
        private readonly long _origin;
        private readonly ITimer _timer;
        private readonly ITimer _releaseTimer;
        private int _requestsPerWindow;
        private TimeSpan _window;
        private TimeSpan _pausedUntil;
        private RateLedger? _ledger;
        // When the ledger last said the machine's next slot frees (zero once it granted one): no transaction before then.
        private TimeSpan _sharedFreeAt;

        internal RateGovernor(int requestsPerWindow, TimeSpan window, TimeProvider time, RateLedger? ledger = null)
        {
            _time = time;
            _origin = time.GetTimestamp();
            _requestsPerWindow = requestsPerWindow;
            _window = window;
            _ledger = ledger;
            _timer = time.CreateTimer(_ => Pump(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _releaseTimer = time.CreateTimer(_ => WriteReleases(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        /// <summary>The governor that every client with these options' base URI and API key shares.</summary>
        public static RateGovernor For(SeedanceClientOptions options) => RateGovernorRegistry.For(options);

        /// <summary>How many requests may leave per <see cref="Window"/>.</summary>
        public int RequestsPerWindow
        {
            get
            {
                lock (_gate)
                {
                    return _requestsPerWindow;
                }
            }
        }

        /// <summary>The length of the sliding window.</summary>
        public TimeSpan Window
        {
            get
            {
                lock (_gate)
                {
                    return _window;
                }
            }
        }

        /// <summary>How many requests could leave right now without waiting (zero while a 429 pause lasts).</summary>
        public int Available
        {
            get
            {
                lock (_gate)
                {
                    var now = Now();
                    Prune(now);
                    var local = now < _pausedUntil ? 0 : Math.Max(0, _requestsPerWindow - Used - _waiters.Count);
                    return local > 0 && Peek(now) is { } shared ? Math.Min(local, shared.Free) : local;
                }
            }
        }

        /// <summary>How long a request asking now would wait for its slot, behind everyone already waiting; zero when one is free.</summary>
        public TimeSpan TimeUntilNextSlot => TimeUntilSlots(1);

        /// <inheritdoc />
        TimeSpan IRequestBudget.TimeUntilSlots(int count) => TimeUntilSlots(count);

        private TimeSpan TimeUntilSlots(int count)
        {
            lock (_gate)
            {
                var now = Now();
                Prune(now);
                var wait = GrantTime(now, _waiters.Count + Math.Max(count, 1) - 1) - now;

                // The machine's ledger answers for the next slot; further ones are counted from this process's own log.
                if (wait <= TimeSpan.Zero && _waiters.Count == 0 && Peek(now) is { } shared)
                {
                    wait = shared.NextFree - shared.At;
                }

                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        /// <summary>Takes a slot, waiting (in order of arrival) until one is free; dispose the slot when the attempt ends.</summary>
        /// <param name="onWait">Told how long the wait is expected to last, when there is one.</param>
        /// <param name="longestPause">
        /// The longest 429 pause the caller may wait out (what is left of its retry budget): a longer one, now or while it
        /// waits, fails the wait at once with an error that says until when.
        /// </param>
        /// <param name="cancellationToken">Stops waiting.</param>
        internal Task<RateSlot> AcquireAsync(Action<TimeSpan>? onWait, TimeSpan longestPause, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LinkedListNode<Waiter> node;
            TimeSpan expectedWait;
            lock (_gate)
            {
                var now = Now();
                Prune(now);
                try
                {
                    if (_waiters.Count == 0 && CanTakeLocked(now) && TryTakeLocked(now) is { } slot)
                    {
                        return Task.FromResult(slot);
                    }
                }
                catch (SeedanceException unusable)
                {
                    return Task.FromException<RateSlot>(unusable);
                }

                if (PauseBeyondLocked(now, longestPause) is { } beyond)
                {
                    return Task.FromException<RateSlot>(beyond);
                }

                expectedWait = GrantTime(now, _waiters.Count) - now;
                node = _waiters.AddLast(new Waiter(longestPause));
                ScheduleLocked(now);
            }

            onWait?.Invoke(expectedWait);
            var granted = node.Value.Slot;
            if (cancellationToken.CanBeCanceled)
            {
                var registration = cancellationToken.Register(() => Abandon(node, cancellationToken));
                _ = granted.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return granted.Task;
        }

        /// <summary>
        /// Stops all requests of the account until <paramref name="retryAfter"/> has passed (the server answered 429), in
        /// every process that shares the ledger; the waiters who may not wait that long fail at once.
        /// </summary>
        internal void Pause(TimeSpan retryAfter)
        {
            lock (_gate)
            {
                var now = Now();
                _pausedUntil = Max(_pausedUntil, now + retryAfter);
                if (_ledger is { } ledger)
                {
                    Shared(now, () => ledger.Pause(_time.GetUtcNow() + retryAfter, _requestsPerWindow, _window));
                }
            }

            Pump();
        }

        /// <summary>The error for a caller who may not wait out the current pause, or null when it may (or there is none).</summary>
        /// <param name="longestPause">What is left of the caller's retry budget.</param>
        internal SeedanceException? PauseBeyond(TimeSpan longestPause)
        {
            lock (_gate)
            {
                return PauseBeyondLocked(Now(), longestPause);
            }
        }

        /// <summary>Adopts the limit of the latest options that asked for this governor.</summary>
        internal void Configure(int requestsPerWindow, TimeSpan window)
        {
            lock (_gate)
            {
                if (_requestsPerWindow == requestsPerWindow && _window == window)
                {
                    return;
                }

                _requestsPerWindow = requestsPerWindow;
                _window = window;
            }

            Pump();
        }

        /// <summary>Shares the budget through the ledger of <paramref name="accountId"/> in <paramref name="folder"/>, or (null) keeps it to this process.</summary>
        internal void ShareThrough(string? folder, string accountId)
        {
            RateLedger? previous;
            lock (_gate)
            {
                if (_ledger?.Folder == folder)
                {
                    return;
                }

                previous = _ledger;
                _ledger = folder is null ? null : new RateLedger(folder, accountId, _time);
                _sharedFreeAt = TimeSpan.Zero;
            }

            if (previous is not null)
            {
                TryWrite(previous);
            }

            Pump();
        }

        /// <summary>Writes the ends of slots still noted only in memory (at process exit, and after <see cref="ReleaseDelay"/>).</summary>
        internal void WriteReleases()
        {
            lock (_gate)
            {
                if (_ledger is { } ledger)
                {
                    TryWrite(ledger);
                }
            }
        }

        /// <summary>Ends a slot's request: it counts against the window from now on.</summary>
        internal void Release(RateSlot slot)
        {
            lock (_gate)
            {
                _inFlight--;
                _answeredAt.Enqueue(Now());
                if (slot.Ledger is { } ledger)
                {
                    ledger.Release(slot.LedgerSlot, sent: true);
                    if (ledger != _ledger)
                    {
                        TryWrite(ledger);
                    }
                }
            }

            Pump();
        }

        private void Abandon(LinkedListNode<Waiter> node, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (node.List is not null)
                {
                    _waiters.Remove(node);
                }
            }

            node.Value.Slot.TrySetCanceled(cancellationToken);
        }

        private void Pump()
        {
            lock (_gate)
            {
                var now = Now();
                Prune(now);
                FailWaitersBeyondPause(now);
                try
                {
                    while (_waiters.First is { } first && CanTakeLocked(now) && TryTakeLocked(now) is { } slot)
                    {
                        _waiters.RemoveFirst();
                        if (!first.Value.Slot.TrySetResult(slot))
                        {
                            Unuse(slot);
                        }
                    }
                }
                catch (SeedanceException unusable)
                {
                    while (_waiters.First is { } first)
                    {
                        _waiters.RemoveFirst();
                        first.Value.Slot.TrySetException(unusable);
                    }
                }

                FailWaitersBeyondPause(now);
                if (_ledger is { HasReleases: true })
                {
                    _releaseTimer.Change(ReleaseDelay, Timeout.InfiniteTimeSpan);
                }

                ScheduleLocked(now);
            }
        }

        private bool CanTakeLocked(TimeSpan now) => now >= _pausedUntil && now >= _sharedFreeAt && Used < _requestsPerWindow;

        /// <summary>A slot when the machine-wide budget has one too (it always has without a ledger); null when it has not.</summary>
        private RateSlot? TryTakeLocked(TimeSpan now)
        {
            if (_ledger is not { } ledger)
            {
                _inFlight++;
                return new RateSlot(this, null, 0);
            }

            var answer = Shared(now, () => ledger.TryTake(_requestsPerWindow, _window), throwIfUnusable: true);
            if (answer?.Slot is not { } taken)
            {
                return null;
            }

            _inFlight++;
            return new RateSlot(this, ledger, taken);
        }

        /// <summary>A slot whose waiter had already gone: the request never left, so it counts nowhere.</summary>
        private void Unuse(RateSlot slot)
        {
            _inFlight--;
            slot.Ledger?.Release(slot.LedgerSlot, sent: false);
        }

        /// <summary>What the ledger says now (writing the noted releases), or null without a usable ledger.</summary>
        private RateLedgerAnswer? Peek(TimeSpan now) => _ledger is { } ledger ? Shared(now, () => ledger.Peek(_requestsPerWindow, _window)) : null;

        /// <summary>
        /// One transaction with the ledger, whose pause and next free slot this process adopts. A ledger that cannot be
        /// read or written is an unusable configuration where a slot depends on it, and is passed over elsewhere.
        /// </summary>
        private RateLedgerAnswer? Shared(TimeSpan now, Func<RateLedgerAnswer> transaction, bool throwIfUnusable = false)
        {
            RateLedgerAnswer answer;
            try
            {
                answer = transaction();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (throwIfUnusable)
                {
                    throw Unusable(_ledger!, e);
                }

                return null;
            }

            _releaseTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (answer.PausedUntil > answer.At)
            {
                _pausedUntil = Max(_pausedUntil, now + (answer.PausedUntil - answer.At));
            }

            _sharedFreeAt = answer.Slot is null && answer.NextFree > answer.At ? now + (answer.NextFree - answer.At) : TimeSpan.Zero;
            return answer;
        }

        private void TryWrite(RateLedger ledger)
        {
            if (ledger == _ledger)
            {
                Shared(Now(), () => ledger.Peek(_requestsPerWindow, _window));
                return;
            }

            try
            {
                ledger.Peek(_requestsPerWindow, _window);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The folder went away with the setting that named it: its slots age out there on their own.
            }
        }

        private static SeedanceException Unusable(RateLedger ledger, Exception e) => new(
            SeedanceErrorCodes.InvalidConfiguration,
            $"The request budget this machine's processes share could not be used ({ledger.FilePath}: {e.Message}). Make the folder writable, move it with {RateLedgerLocation.PathVariable}, or keep the budget to each process with {RateLedgerLocation.ScopeVariable}=process.",
            innerException: e);

        private void FailWaitersBeyondPause(TimeSpan now)
        {
            for (var node = _waiters.First; node is not null;)
            {
                var next = node.Next;
                if (PauseBeyondLocked(now, node.Value.LongestPause) is { } beyond)
                {
                    _waiters.Remove(node);
                    node.Value.Slot.TrySetException(beyond);
                }

                node = next;
            }
        }

        private SeedanceException? PauseBeyondLocked(TimeSpan now, TimeSpan longestPause) =>
            _pausedUntil - now > longestPause ? RatePause.BeyondBudget(_time.GetUtcNow() + (_pausedUntil - now), _pausedUntil - now, longestPause, _ledger?.FilePath) : null;

        private void ScheduleLocked(TimeSpan now)
        {
            if (_waiters.Count == 0)
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                return;
            }

            // A slot still in flight is counted as if it ended now; when it really ends, Release pumps again.
            var due = GrantTime(now, 0) - now;
            _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
        }

        /// <summary>
        /// When the waiter at <paramref name="position"/> (0 = first in line) gets its slot, if nobody leaves the line and
        /// every slot in flight ends now: the n-th waiter past the free slots takes the slot that expires n-th, and none
        /// before the pause ends or the ledger's next free slot.
        /// </summary>
        private TimeSpan GrantTime(TimeSpan now, int position)
        {
            // When each used slot frees up, earliest first: answered ones a window after their answer, those in flight as if
            // answered now (both lists are already in order, and every later grant frees up later still).
            var expiries = new List<TimeSpan>(Used + position + 1);
            foreach (var answeredAt in _answeredAt)
            {
                expiries.Add(answeredAt + _window);
            }

            for (var i = 0; i < _inFlight; i++)
            {
                expiries.Add(now + _window);
            }

            var free = _requestsPerWindow - Used;
            var start = Max(now, Max(_pausedUntil, _sharedFreeAt));
            var grant = start;
            for (var i = 0; i <= position; i++)
            {
                grant = i < free ? start : Max(start, expiries[i - free]);
                expiries.Add(grant + _window);
            }

            return grant;
        }

        private void Prune(TimeSpan now)
        {
            while (_answeredAt.Count > 0 && _answeredAt.Peek() + _window <= now)
            {
                _answeredAt.Dequeue();
            }
        }

        private int Used => _inFlight + _answeredAt.Count;

        private TimeSpan Now() => _time.GetElapsedTime(_origin);

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

        /// <summary>A caller in line: the slot it will get, and the longest pause it may wait out.</summary>
        private sealed class Waiter
        {
            public Waiter(TimeSpan longestPause) => LongestPause = longestPause;

            public TaskCompletionSource<RateSlot> Slot { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public TimeSpan LongestPause { get; }
        }
    }
}
