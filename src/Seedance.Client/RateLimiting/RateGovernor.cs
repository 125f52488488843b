using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Seedance.RateLimiting
{
    /// <summary>
    /// The request budget of one account in this process: at most <see cref="RequestsPerWindow"/> requests in any
    /// <see cref="Window"/>, shared by every <see cref="SeedanceClient"/>, thread and runspace that uses the same account.
    /// Every attempt of every request takes a slot; waiters are served first come, first served.
    /// </summary>
    /// <remarks>
    /// A sliding-window log: each slot is stamped when its request's answer arrives (or the attempt is abandoned), which is
    /// no earlier than the moment the server counted it, so the process never gets ahead of the server's own window.
    /// </remarks>
    public sealed class RateGovernor
    {
        private readonly object _gate = new();
        // Answered requests' stamps, oldest first (the clock only moves forward), and the count of requests still in flight.
        private readonly Queue<TimeSpan> _answeredAt = new();
        private int _inFlight;
        private readonly LinkedList<Waiter> _waiters = new();
        private readonly TimeProvider _time;
        private readonly long _origin;
        private readonly ITimer _timer;
        private int _requestsPerWindow;
        private TimeSpan _window;
        private TimeSpan _pausedUntil;

        internal RateGovernor(int requestsPerWindow, TimeSpan window, TimeProvider time)
        {
            _time = time;
            _origin = time.GetTimestamp();
            _requestsPerWindow = requestsPerWindow;
            _window = window;
            _timer = time.CreateTimer(_ => Pump(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        /// <summary>The governor that every client with these options' base URI and API key shares.</summary>
        public static RateGovernor For(SeedanceClientOptions options) => RateGovernorRegistry.For(options);

        /// <summary>How many requests may leave the process per <see cref="Window"/>.</summary>
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
                    return now < _pausedUntil ? 0 : Math.Max(0, _requestsPerWindow - Used - _waiters.Count);
                }
            }
        }

        /// <summary>How long a request asking now would wait for its slot, behind everyone already waiting; zero when one is free.</summary>
        public TimeSpan TimeUntilNextSlot
        {
            get
            {
                lock (_gate)
                {
                    var now = Now();
                    Prune(now);
                    return GrantTime(now, _waiters.Count) - now;
                }
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
                if (PauseBeyondLocked(now, longestPause) is { } beyond)
                {
                    return Task.FromException<RateSlot>(beyond);
                }

                if (_waiters.Count == 0 && now >= _pausedUntil && Used < _requestsPerWindow)
                {
                    return Task.FromResult(Take());
                }

                expectedWait = GrantTime(now, _waiters.Count) - now;
                node = _waiters.AddLast(new Waiter(longestPause));
                ScheduleLocked(now);
            }

            onWait?.Invoke(expectedWait);
            var slot = node.Value.Slot;
            if (cancellationToken.CanBeCanceled)
            {
                var registration = cancellationToken.Register(() => Abandon(node, cancellationToken));
                _ = slot.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return slot.Task;
        }

        /// <summary>
        /// Stops all requests of the account until <paramref name="retryAfter"/> has passed (the server answered 429); the
        /// waiters who may not wait that long fail at once.
        /// </summary>
        internal void Pause(TimeSpan retryAfter)
        {
            lock (_gate)
            {
                var now = Now();
                if (now + retryAfter > _pausedUntil)
                {
                    _pausedUntil = now + retryAfter;
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

        /// <summary>Ends a slot's request: it counts against the window from now on.</summary>
        internal void Release()
        {
            lock (_gate)
            {
                _inFlight--;
                _answeredAt.Enqueue(Now());
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
                while (_waiters.First is { } first && now >= _pausedUntil && Used < _requestsPerWindow)
                {
                    _waiters.RemoveFirst();
                    if (!first.Value.Slot.TrySetResult(Take()))
                    {
                        _inFlight--;
                    }
                }

                ScheduleLocked(now);
            }
        }

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
            _pausedUntil - now > longestPause ? RatePause.BeyondBudget(_time.GetUtcNow() + (_pausedUntil - now), _pausedUntil - now, longestPause) : null;

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
        /// every slot in flight ends now: the n-th waiter past the free slots takes the slot that expires n-th.
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
            var start = now > _pausedUntil ? now : _pausedUntil;
            var grant = start;
            for (var i = 0; i <= position; i++)
            {
                grant = i < free ? start : Max(start, expiries[i - free]);
                expiries.Add(grant + _window);
            }

            return grant;
        }

        private RateSlot Take()
        {
            _inFlight++;
            return new RateSlot(this);
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
