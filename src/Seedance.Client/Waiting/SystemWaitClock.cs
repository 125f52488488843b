using System;
using System.Threading;
using System.Threading.Tasks;

namespace Seedance.Waiting
{
    /// <summary>The real clock.</summary>
    internal sealed class SystemWaitClock : IWaitClock
    {
        public static SystemWaitClock Instance { get; } = new();

        public DateTimeOffset Now => DateTimeOffset.UtcNow;

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);
    }
}
