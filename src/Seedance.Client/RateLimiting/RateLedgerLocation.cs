using System;
using System.IO;
using Seedance.Client.Journal;
using Seedance.Client.RateLimiting;
using Seedance.RateLimiting;

namespace Seedance.Client.RateLimiting
{
    /// <summary>
    /// Where processes on this machine share each account's request budget, and the environment variables that move
    /// the ledger or keep the budget to one process.
    /// </summary>
    internal static class RateLedgerLocation
    {
        /// <summary>Set to <c>process</c> to keep the request budget to each process (or <c>machine</c>, the default).</summary>
        public const string ScopeVariable = "SEEDANCE_RATE_LIMIT_SCOPE";

        /// <summary>Moves the ledger's folder (every process that should share a budget must use the same one).</summary>
        public const string PathVariable = "SEEDANCE_RATE_LEDGER_PATH";

        /// <summary>
        /// The per-user default, beside the journal's default file: <c>%LOCALAPPDATA%\Seedance\rate-limit</c> on Windows,
        /// <c>~/Library/Application Support/Seedance/rate-limit</c> on macOS, <c>$XDG_DATA_HOME/seedance/rate-limit</c> or
        /// <c>~/.local/share/seedance/rate-limit</c> elsewhere.
        /// </summary>
        public static string DefaultFolder => Path.Combine(Path.GetDirectoryName(JournalLocation.DefaultPath)!, "rate-limit");

        /// <summary>The folder <c>SEEDANCE_RATE_LEDGER_PATH</c> gives, else <see cref="DefaultFolder"/>.</summary>
        public static string Folder => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DefaultFolder;

        /// <summary>The scope <c>SEEDANCE_RATE_LIMIT_SCOPE</c> gives (<c>process</c> or <c>machine</c>, any case), or null.</summary>
        public static RateLimitScope? EnvironmentScope =>
            Environment.GetEnvironmentVariable(ScopeVariable)?.Trim().ToUpperInvariant() switch
            {
                "PROCESS" => RateLimitScope.Process,
                "MACHINE" => RateLimitScope.Machine,
                _ => null,
            };
    }
}
