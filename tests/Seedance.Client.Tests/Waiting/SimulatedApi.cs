using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Seedance.Client.Tests.Waiting
{
    /// <summary>
    /// The API in virtual time: tasks that finish after a set render time, and a sliding-window rate limit that counts
    /// every request (submits and polls) and records each one sent over it (a 429).
    /// </summary>
    internal sealed class SimulatedApi : RateLimiting.IRequestBudget
    {
        private readonly VirtualTime _clock;
        private readonly int _limit;
        private readonly TimeSpan _window;
        private readonly Queue<DateTimeOffset> _sent = new();
        private readonly Dictionary<string, (DateTimeOffset Created, TimeSpan Render, bool Fails)> _tasks = new();

        public SimulatedApi(VirtualTime clock, int limit, TimeSpan window)
        {
            _clock = clock;
            _limit = limit;
            _window = window;
        }

        public int Requests { get; private set; }

        public int Polls { get; private set; }

        public int RateLimited { get; private set; }

        public DateTimeOffset LastFinish => _tasks.Values.Max(t => t.Created + t.Render);

        /// <summary>Submits a task as a paced client would: waiting for a free slot first.</summary>
        public SeedanceTask Submit(TimeSpan render, bool fails = false)
        {
            _clock.Advance(TimeUntilSlot());
            Count();
            var id = "sd2_sim" + _tasks.Count.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            _tasks[id] = (_clock.GetUtcNow(), render, fails);
            return new SeedanceTask { Id = id, Status = TaskStatuses.Processing, CreatedAt = _clock.GetUtcNow(), CreditsUsed = 30 };
        }

        public int RequestsPerWindow => _limit;

        public TimeSpan TimeUntilSlot() => TimeUntilSlots(1);

        /// <summary>How long until <paramref name="count"/> requests (at most a window's worth) could all leave.</summary>
        public TimeSpan TimeUntilSlots(int count)
        {
            Expire();
            var first = _sent.Count + Math.Min(count, _limit) - _limit;
            return first <= 0 ? TimeSpan.Zero : _sent.ElementAt(first - 1) + _window - _clock.GetUtcNow();
        }

        public Task<SeedanceTask> Poll(string id, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Count();
            Polls++;
            var (created, render, fails) = _tasks[id];
            var done = _clock.GetUtcNow() >= created + render;
            return Task.FromResult(new SeedanceTask
            {
                Id = id,
                Status = !done ? TaskStatuses.Processing : fails ? TaskStatuses.Failed : TaskStatuses.Completed,
                CreatedAt = created,
                UpdatedAt = done ? created + render : created,
                CreditsUsed = 30,
                CreditsRefunded = done && fails ? 30 : 0,
                Error = done && fails ? new SeedanceTaskError("render_failed", "The render failed") : null,
                VideoUrl = done && !fails ? "https://example.invalid/" + id + ".mp4" : null,
            });
        }

        /// <summary>When the last of <paramref name="requests"/> requests could leave at the earliest, from the epoch.</summary>
        public TimeSpan RateBound(int requests) => TimeSpan.FromTicks(_window.Ticks * ((requests - 1) / _limit));

        private void Count()
        {
            Expire();
            if (_sent.Count >= _limit)
            {
                RateLimited++;
            }

            _sent.Enqueue(_clock.GetUtcNow());
            Requests++;
        }

        private void Expire()
        {
            while (_sent.Count > 0 && _sent.Peek() + _window <= _clock.GetUtcNow())
            {
                _sent.Dequeue();
            }
        }
    }
}
