using System;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Waiting;

namespace Seedance.Client.Tests.Waiting
{
    /// <summary>Time that passes only when the waiter waits: hours of polling simulated in milliseconds.</summary>
    internal sealed class VirtualClock : IWaitClock
    {
        public static readonly DateTimeOffset Epoch = new(2026, 6, 3, 10, 0, 0, TimeSpan.Zero);

        public DateTimeOffset Now { get; private set; } = Epoch;

        public TimeSpan Elapsed => Now - Epoch;

        public int Delays { get; private set; }

        public void Advance(TimeSpan by) => Now += by;

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Delays++;
            if (Delays > 1_000_000)
            {
                throw new InvalidOperationException("The waiter loops without progress.");
            }

            Now += delay;
            return Task.CompletedTask;
        }
    }
}
