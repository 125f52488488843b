using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Seedance.Session
{
    /// <summary>
    /// One configuration per runspace, like any PowerShell session setting. The connection pool and the rate governor are
    /// process-wide instead (in Seedance.Client), so parallel runspaces still share one request budget.
    /// </summary>
    internal static class SessionRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, SeedanceConfiguration> Sessions = new();
        private static readonly SeedanceConfiguration NoRunspace = new();

        public static SeedanceConfiguration Current =>
            Runspace.DefaultRunspace is { } runspace ? Sessions.GetValue(runspace, static _ => new SeedanceConfiguration()) : NoRunspace;
    }
}
