using System;
using System.Threading;
using System.Threading.Tasks;

namespace Seedance.Waiting
{
    /// <summary>The waiter's clock: real time in use, virtual time in tests that simulate hours of waiting in milliseconds.</summary>
    internal interface IWaitClock
    {
        DateTimeOffset Now { get; }

        Task Delay(TimeSpan delay, CancellationToken cancellationToken);
    }
}
