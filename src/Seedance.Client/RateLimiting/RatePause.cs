using System;
using System.Net;

namespace Seedance.Client.RateLimiting
{
    /// <summary>
    /// The error of a call that may not wait as long as the API asked (a <c>429</c> whose <c>Retry-After</c> reaches past
    /// the call's retry budget): one wording for the call that got the <c>429</c> and for every later call of the account
    /// while the pause lasts, so each says until when.
    /// </summary>
    internal static class RatePause
    {
        /// <summary>A <c>rate_limited</c> error (429, LimitsExceeded) that says until when the account is paused.</summary>
        /// <param name="until">When the pause ends.</param>
        /// <param name="remaining">How much of the pause is left now.</param>
        /// <param name="budget">How long the call could have waited.</param>
        /// <param name="ledgerPath">The ledger file that keeps the pause for the other processes, or null.</param>
        public static SeedanceException BeyondBudget(DateTimeOffset until, TimeSpan remaining, TimeSpan budget, string? ledgerPath) =>
            new(
                SeedanceErrorCodes.RateLimited,
                FormattableString.Invariant(
                    $"The API asked this account to pause its requests until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC ({TraceFormatter.Seconds(remaining, "0")} from now), longer than this call may wait within its retry budget ({TraceFormatter.Seconds(budget, "0")}). Calls for this account fail at once until then; try again after that time.")
                    + (ledgerPath is null
                        ? " To end a pause you know is wrong, start a new session."
                        : $" To end a pause you know is wrong, delete '{ledgerPath}', then start a new session."),
                (HttpStatusCode)429,
                retryAfter: remaining);
    }
}
