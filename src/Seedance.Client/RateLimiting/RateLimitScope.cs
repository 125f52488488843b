namespace Seedance.RateLimiting
{
    /// <summary>Who shares one account's request budget.</summary>
    public enum RateLimitScope
    {
        /// <summary>Every process of this user on this machine (through a small ledger file): the default.</summary>
        Machine,

        /// <summary>Only the cmdlets, runspaces and threads of one process.</summary>
        Process,
    }
}
