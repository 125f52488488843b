using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Seedance.Client.Tests
{
    /// <summary>
    /// Fake time that tells when the code under test begins to wait: every timer made through it is announced, and
    /// <see cref="RunAsync(Task, Func{TimeSpan, bool})"/> moves the clock exactly to each wait, so hours of retries and
    /// polls run in milliseconds and in the same order on every run, however loaded the machine. A timer set again
    /// (<see cref="ITimer.Change"/>, as a pooled cancellation source or the rate governor does) is announced again.
    /// </summary>
    internal sealed class VirtualTime : FakeTimeProvider
    {
        public static readonly DateTimeOffset Epoch = new(2026, 6, 3, 10, 0, 0, TimeSpan.Zero);

        private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

        public VirtualTime()
            : base(Epoch)
        {
        }

        public TimeSpan Elapsed => GetUtcNow() - Epoch;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new AnnouncedTimer(base.CreateTimer(callback, state, dueTime, period), _timers.Writer);
            _timers.Writer.TryWrite(dueTime);
            return timer;
        }

        /// <summary>Runs <paramref name="work"/> to its end, moving time to each timer it starts that <paramref name="isWait"/> accepts (by default every finite one).</summary>
        public async Task<T> RunAsync<T>(Task<T> work, Func<TimeSpan, bool>? isWait = null)
        {
            await RunAsync((Task)work, isWait);
            return await work;
        }

        /// <inheritdoc cref="RunAsync{T}(Task{T}, Func{TimeSpan, bool})"/>
        public async Task RunAsync(Task work, Func<TimeSpan, bool>? isWait = null)
        {
            var next = _timers.Reader.ReadAsync().AsTask();
            for (var steps = 0; await Task.WhenAny(work, next) != work; steps++)
            {
                if (steps > 1_000_000)
                {
                    throw new InvalidOperationException("The code under test waits without end.");
                }

                var due = await next;
                next = _timers.Reader.ReadAsync().AsTask();
                if (due != Timeout.InfiniteTimeSpan && (isWait?.Invoke(due) ?? true))
                {
                    Advance(due);
                }
            }

            await work;
        }

        private sealed class AnnouncedTimer : ITimer
        {
            private readonly ITimer _timer;
            private readonly ChannelWriter<TimeSpan> _announce;

            public AnnouncedTimer(ITimer timer, ChannelWriter<TimeSpan> announce) => (_timer, _announce) = (timer, announce);

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                var changed = _timer.Change(dueTime, period);
                _announce.TryWrite(dueTime);
                return changed;
            }

            public void Dispose() => _timer.Dispose();

            public ValueTask DisposeAsync() => _timer.DisposeAsync();
        }
    }
}
