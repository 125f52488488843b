using System;
using System.Collections.Generic;
using System.Linq;
using Seedance.Sandbox.Faults;

namespace Seedance.Sandbox
{
    /// <summary>
    /// Faults waiting for the next requests, first in first out. Each fault hits the next <c>count</c> requests of its
    /// endpoint; <see cref="SandboxFaultKind.CutDownload"/> always aims at downloads.
    /// </summary>
    public sealed class SandboxFaults
    {
        private readonly object _sync = new();
        private readonly List<QueuedFault> _queue = new();

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
        /// <param name="endpoint">Which endpoint's requests.</param>
        /// <param name="delay">For <see cref="SandboxFaultKind.Slow"/>: how long to wait before answering (default 1 s).</param>
        /// <param name="afterBytes">For <see cref="SandboxFaultKind.CutDownload"/>: body bytes sent before the cut (default 0).</param>
        /// <param name="retryAfterSeconds">For <see cref="SandboxFaultKind.RateLimited429"/>: the <c>Retry-After</c> value (default 1).</param>
        public void Enqueue(SandboxFaultKind kind, int count = 1, SandboxEndpoint endpoint = SandboxEndpoint.Submit, TimeSpan? delay = null, long? afterBytes = null, int? retryAfterSeconds = null)
        {
            if (count < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "A fault hits at least one request.");
            }

            if (delay < TimeSpan.Zero || afterBytes < 0 || retryAfterSeconds < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(kind), "Delays, byte counts and Retry-After cannot be negative.");
            }

            var fault = new InjectedFault(
                kind,
                kind == SandboxFaultKind.CutDownload ? SandboxEndpoint.Download : endpoint,
                delay ?? TimeSpan.FromSeconds(1),
                afterBytes ?? 0,
                retryAfterSeconds ?? 1);
            lock (_sync)
            {
                _queue.Add(new QueuedFault(fault, count));
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
                    return null;
                }

                queued.Remaining--;
                if (queued.Remaining == 0)
                {
                    _queue.Remove(queued);
                }

                return queued.Fault;
            }
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
