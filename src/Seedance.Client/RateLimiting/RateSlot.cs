using System;

namespace Seedance.RateLimiting
{
    /// <summary>One request's place in the rate window; disposing it stamps the moment its attempt ended.</summary>
    internal sealed class RateSlot : IDisposable
    {
        private readonly RateGovernor _governor;
        private bool _released;

        public RateSlot(RateGovernor governor) => _governor = governor;

        public void Dispose()
        {
            if (!_released)
            {
                _released = true;
                _governor.Release();
            }
        }
    }
}
