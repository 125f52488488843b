using System;
using System.Collections.Concurrent;

namespace Seedance.Client.RateLimiting
{
    /// <summary>
    /// The process-wide table of governors, one per account: keyed by the API's authority and a SHA-256 fingerprint of
    /// the key, never the key itself. Static, so every client, thread and runspace of the process shares it.
    /// </summary>
    internal static class RateGovernorRegistry
    {
        private static readonly ConcurrentDictionary<string, RateGovernor> Governors = WriteReleasesAtExit(new ConcurrentDictionary<string, RateGovernor>(StringComparer.Ordinal));

        /// <summary>
        /// The account's governor; its limit, and whether it shares the budget through a ledger, become those of
        /// <paramref name="options"/> (the latest options win).
        /// </summary>
        public static RateGovernor For(SeedanceClientOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            var account = AccountId(options);
            var governor = Governors.GetOrAdd(account, _ => new RateGovernor(options.RateLimitRequests, options.RateLimitWindow, options.TimeProvider));
            governor.Configure(options.RateLimitRequests, options.RateLimitWindow);
            governor.ShareThrough(options.RateLedgerFolder, account);
            return governor;
        }

        /// <summary>How the table names an account: <c>host:port/fingerprint</c>.</summary>
        public static string AccountId(SeedanceClientOptions options)
        {
            var fingerprint = options.ApiKey is { } key ? AccountFingerprint.Of(key) : "no-key";
            return options.BaseUri.Authority.ToUpperInvariant() + "/" + fingerprint;
        }

        /// <summary>A process that exits soon after its last answer still writes when that answer came, for the other processes.</summary>
        private static ConcurrentDictionary<string, RateGovernor> WriteReleasesAtExit(ConcurrentDictionary<string, RateGovernor> governors)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var governor in governors.Values)
                {
                    governor.WriteReleases();
                }
            };
            return governors;
        }
    }
}
