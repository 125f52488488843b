using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Seedance.Sandbox.Faults;

namespace Seedance.Sandbox
{
    /// <summary>
    /// Faults waiting for the next requests, first in first out. Each fault hits the next <c>count</c> requests of its
    /// endpoint; the download faults (cut, stall, drip) always aim at downloads. <see cref="InjectRandomly"/> adds
    /// seeded random faults to requests that find nothing queued (soak tests).
    /// </summary>
    public sealed class SandboxFaults
    {
        /// <summary>What <see cref="InjectRandomly"/> draws from when it is given no kinds.</summary>
        private static readonly SandboxFaultKind[] ClassicKinds =
        {
            SandboxFaultKind.ServiceBusy503, SandboxFaultKind.InternalErrorBeforeCreate500, SandboxFaultKind.InternalErrorAfterCreate500,
            SandboxFaultKind.DropConnectionBeforeCreate, SandboxFaultKind.DropConnectionAfterCreate, SandboxFaultKind.Slow,
            SandboxFaultKind.CutDownload,
        };

        private static readonly SandboxFaultKind[] SubmitKinds =
        {
            SandboxFaultKind.ServiceBusy503, SandboxFaultKind.InternalErrorBeforeCreate500, SandboxFaultKind.InternalErrorAfterCreate500,
            SandboxFaultKind.DropConnectionBeforeCreate, SandboxFaultKind.DropConnectionAfterCreate, SandboxFaultKind.Slow,
            SandboxFaultKind.Redirect307, SandboxFaultKind.Redirect302, SandboxFaultKind.OversizedBody,
        };

        private static readonly SandboxFaultKind[] TaskKinds =
        {
            SandboxFaultKind.ServiceBusy503, SandboxFaultKind.InternalErrorBeforeCreate500, SandboxFaultKind.DropConnectionBeforeCreate, SandboxFaultKind.Slow,
            SandboxFaultKind.Redirect307, SandboxFaultKind.Redirect302, SandboxFaultKind.OversizedBody,
        };

        private static readonly SandboxFaultKind[] DownloadKinds =
        {
            SandboxFaultKind.ServiceBusy503, SandboxFaultKind.DropConnectionBeforeCreate, SandboxFaultKind.Slow, SandboxFaultKind.CutDownload,
            SandboxFaultKind.StallDownload,
        };

        /// <summary>The default size of an <see cref="SandboxFaultKind.OversizedBody"/> answer's padding: 64 MiB.</summary>
        private const long DefaultBodyBytes = 64L * 1024 * 1024;

        private readonly object _sync = new();
        private readonly List<QueuedFault> _queue = new();
        private readonly Dictionary<SandboxFaultKind, int> _injected = new();
        private Random? _random;
        private double _rate;
        private TimeSpan _randomDelay;
        private long _randomAfterBytes;
        private SandboxFaultKind[][] _randomKinds = { SubmitKinds, TaskKinds, DownloadKinds };

        /// <summary>How many faulted requests are still to come.</summary>
        public int Pending
        {
            get
            {
                lock (_sync)
                {
                    return _queue.Sum(f => f.Remaining);
                }
            }
        }

        /// <summary>Queues a fault for the next <paramref name="count"/> requests of <paramref name="endpoint"/>.</summary>
        /// <param name="kind">What happens to those requests.</param>
        /// <param name="count">How many requests it hits.</param>
        /// <param name="endpoint">Which endpoint's requests (download faults always aim at downloads).</param>
        /// <param name="delay">
        /// For <see cref="SandboxFaultKind.Slow"/>: how long to wait before answering; <see cref="SandboxFaultKind.DripDownload"/>:
        /// the wait between bytes (both 1 s by default); <see cref="SandboxFaultKind.StallDownload"/>: how long to hold before
        /// cutting the connection (by default until the client hangs up or the sandbox stops).
        /// </param>
        /// <param name="afterBytes">For download faults: body bytes sent before the cut, stall or drip (default 0).</param>
        /// <param name="retryAfterSeconds">For <see cref="SandboxFaultKind.RateLimited429"/>: the <c>Retry-After</c> value (default 1).</param>
        /// <param name="bodyBytes">For <see cref="SandboxFaultKind.OversizedBody"/>: bytes of whitespace before the answer (default 64 MiB).</param>
        /// <param name="location">For redirects: the <c>Location</c> (default: the same path and query on <see cref="SandboxHost.ElsewhereUri"/>).</param>
        public void Enqueue(SandboxFaultKind kind, int count = 1, SandboxEndpoint endpoint = SandboxEndpoint.Submit, TimeSpan? delay = null, long? afterBytes = null, int? retryAfterSeconds = null, long? bodyBytes = null, Uri? location = null)
        {
            if (count < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "A fault hits at least one request.");
            }

            if (delay < TimeSpan.Zero || afterBytes < 0 || retryAfterSeconds < 0 || bodyBytes < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(kind), "Delays, byte counts and Retry-After cannot be negative.");
            }

            if (location is { IsAbsoluteUri: false })
            {
                throw new ArgumentException("A redirect location is an absolute URI.", nameof(location));
            }

            var fault = new InjectedFault(
                kind,
                InjectedFault.AimsAtDownloads(kind) ? SandboxEndpoint.Download : endpoint,
                delay ?? (kind == SandboxFaultKind.StallDownload ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(1)),
                afterBytes ?? 0,
                retryAfterSeconds ?? 1,
                bodyBytes ?? DefaultBodyBytes,
                location);
            lock (_sync)
            {
                _queue.Add(new QueuedFault(fault, count));
            }
        }

        /// <summary>
        /// From now on, each request that finds no queued fault gets one with probability <paramref name="rate"/>, drawn
        /// uniformly (seeded) from the kinds that make sense for its endpoint. By default: submits get 503, 500 or a drop
        /// before or after create, or slow; task reads 503, 500 before, a drop or slow; downloads 503, a drop, slow or a cut.
        /// <paramref name="kinds"/> names other kinds to draw from (each only where it makes sense: redirects and oversized
        /// bodies on API calls, stalls on downloads). Never 429: those stay the rate limit's own. A rate of 0 turns it off.
        /// </summary>
        /// <param name="rate">The share of requests hit, from 0 to 1.</param>
        /// <param name="seed">The seed of the draw, so a run can be repeated.</param>
        /// <param name="delay">How long a <see cref="SandboxFaultKind.Slow"/> fault waits.</param>
        /// <param name="afterBytes">Body bytes a download fault sends before the cut or stall.</param>
        /// <param name="kinds">The kinds to draw from; null for the default ones.</param>
        public void InjectRandomly(double rate, int seed, TimeSpan delay, long afterBytes, IReadOnlyCollection<SandboxFaultKind>? kinds = null)
        {
            if (rate is < 0 or > 1 || delay < TimeSpan.Zero || afterBytes < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(rate), "The rate is between 0 and 1; delays and byte counts cannot be negative.");
            }

            var chosen = kinds ?? ClassicKinds;
            if (chosen.Contains(SandboxFaultKind.RateLimited429))
            {
                throw new ArgumentException("Random faults never send 429: every 429 is the rate limit's own.", nameof(kinds));
            }

            var byEndpoint = new[] { SubmitKinds, TaskKinds, DownloadKinds }.Select(all => all.Where(chosen.Contains).ToArray()).ToArray();
            lock (_sync)
            {
#pragma warning disable CA5394 // A seeded draw of test faults, not security.
                _random = rate > 0 ? new Random(seed) : null;
#pragma warning restore CA5394
                _rate = rate;
                _randomDelay = delay;
                _randomAfterBytes = afterBytes;
                _randomKinds = byEndpoint;
            }
        }

        /// <summary>How many faults <see cref="InjectRandomly"/> has injected so far, by kind.</summary>
        public IReadOnlyDictionary<SandboxFaultKind, int> RandomlyInjected
        {
            get
            {
                lock (_sync)
                {
                    return new Dictionary<SandboxFaultKind, int>(_injected);
                }
            }
        }

        /// <summary>Forgets every fault still queued.</summary>
        public void Clear()
        {
            lock (_sync)
            {
                _queue.Clear();
            }
        }

        /// <summary>The fault for this request, if one is queued for its endpoint.</summary>
        internal InjectedFault? TryTake(SandboxEndpoint endpoint)
        {
            lock (_sync)
            {
                var queued = _queue.FirstOrDefault(q => q.Fault.Endpoint == endpoint || q.Fault.Endpoint == SandboxEndpoint.Any);
                if (queued is null)
                {
                    return TakeRandomLocked(endpoint);
                }

                queued.Remaining--;
                if (queued.Remaining == 0)
                {
                    _queue.Remove(queued);
                }

                return queued.Fault;
            }
        }

        private InjectedFault? TakeRandomLocked(SandboxEndpoint endpoint)
        {
#pragma warning disable CA5394 // A seeded draw of test faults, not security.
            if (_random is null || _random.NextDouble() >= _rate)
            {
                return null;
            }

            var kinds = _randomKinds[endpoint switch
            {
                SandboxEndpoint.Submit => 0,
                SandboxEndpoint.Task => 1,
                _ => 2,
            }];
            if (kinds.Length == 0)
            {
                return null;
            }

            var kind = kinds[_random.Next(kinds.Length)];
#pragma warning restore CA5394
            _injected[kind] = _injected.TryGetValue(kind, out var count) ? count + 1 : 1;
            var hold = kind == SandboxFaultKind.StallDownload ? Timeout.InfiniteTimeSpan : _randomDelay;
            return new InjectedFault(kind, endpoint, hold, _randomAfterBytes, 1, DefaultBodyBytes, null);
        }

        private sealed class QueuedFault
        {
            public QueuedFault(InjectedFault fault, int remaining)
            {
                Fault = fault;
                Remaining = remaining;
            }

            public InjectedFault Fault { get; }

            public int Remaining { get; set; }
        }
    }
}
