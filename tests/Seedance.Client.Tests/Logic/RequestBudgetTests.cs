using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Seedance.Client.RateLimiting;
using Seedance.RateLimiting;
using Xunit;

namespace Seedance.Client.Tests.Logic
{
    /// <summary>What the waiter reads of the governor before it polls.</summary>
    public sealed class RequestBudgetTests
    {
        [Fact]
        public async Task Time_until_slots_waits_for_as_many_requests_to_leave_the_window()
        {
            var time = new FakeTimeProvider();
            IRequestBudget governor = new RateGovernor(3, TimeSpan.FromSeconds(10), time);
            (await ((RateGovernor)governor).AcquireAsync(null, TimeSpan.MaxValue, CancellationToken.None)).Dispose();
            (await ((RateGovernor)governor).AcquireAsync(null, TimeSpan.MaxValue, CancellationToken.None)).Dispose();
            time.Advance(TimeSpan.FromSeconds(2));

            Assert.Equal(TimeSpan.Zero, governor.TimeUntilSlots(1));
            Assert.Equal(TimeSpan.FromSeconds(8), governor.TimeUntilSlots(2));
            Assert.Equal(TimeSpan.FromSeconds(8), governor.TimeUntilSlots(3));
            Assert.Equal(TimeSpan.FromSeconds(10), governor.TimeUntilSlots(4));
        }
    }
}
