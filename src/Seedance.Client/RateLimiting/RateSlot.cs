using System;

namespace Seedance.Client.RateLimiting
{
    /// <summary>One request's place in the rate window; disposing it stamps the moment its attempt ended.</summary>
    internal sealed class RateSlot : IDisposable
    {
        private readonly RateGovernor _governor;
        private bool _released;

        public RateSlot(RateGovernor governor, RateLedger? ledger, long ledgerSlot)
        {
            _governor = governor;
            Ledger = ledger;
            LedgerSlot = ledgerSlot;
        }

        /// <summary>The machine-wide ledger that also holds this slot, if any.</summary>
        public RateLedger? Ledger { get; }

        /// <summary>The slot's number in <see cref="Ledger"/>.</summary>
        public long LedgerSlot { get; }

        public void Dispose()
        {
            if (!_released)
            {
                _released = true;
                _governor.Release(this);
            }
        }
    }
}
