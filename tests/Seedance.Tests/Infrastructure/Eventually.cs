using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>Waits for a condition that another process or the sandbox's clock makes true and that offers nothing to await.</summary>
    public static class Eventually
    {
        public static async Task TrueAsync(Func<bool> condition, string what, double timeoutSeconds = 60)
        {
            var clock = Stopwatch.StartNew();
            while (!condition())
            {
                if (clock.Elapsed.TotalSeconds > timeoutSeconds)
                {
                    throw new TimeoutException($"Still not true after {timeoutSeconds} s: {what}.");
                }

                await Task.Delay(20);
            }
        }
    }
}
