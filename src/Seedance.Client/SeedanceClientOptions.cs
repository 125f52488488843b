using System;
using System.Security;
using System.Threading;
using System.Threading.Tasks;

namespace Seedance.Client
{
    /// <summary>How a <see cref="SeedanceClient"/> reaches the API: where, with which key, how patiently, how fast.</summary>
    internal sealed class SeedanceClientOptions
    {
        /// <summary>The hosted API.</summary>
        public static Uri DefaultBaseUri { get; } = new Uri("https://seedance2ai.io");

        /// <summary>Where the API lives. Plain http is refused unless the host is a loopback address.</summary>
        public Uri BaseUri { get; set; } = DefaultBaseUri;

        /// <summary>The API key. It stays a SecureString until the Authorization header is built.</summary>
        public SecureString? ApiKey { get; set; }

        /// <summary>
        /// Asked when the API refuses the key (401) with the key it refused: returns the key to use from then on when the
        /// key's source now holds another one (a vault whose secret was replaced), else null. The client's later requests
        /// use the new key, and a refused read is sent once more with it; a refused submit never is, since under another
        /// key it could become a second task, charged again.
        /// </summary>
        public Func<SecureString, CancellationToken, Task<SecureString?>>? RefreshApiKey { get; set; }

        /// <summary>How long one attempt may take before it is abandoned (and retried when that is safe).</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>How many times a failed request may be retried (429, 500, 502, 503, 504, timeouts, network faults, 409 still running).</summary>
        public int MaxRetries { get; set; } = 6;

        /// <summary>The first retry's backoff; later ones double it, jittered, up to <see cref="RetryMaxDelay"/>.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(0.5);

        /// <summary>The longest backoff between two attempts (a 429's <c>Retry-After</c> is always honoured in full).</summary>
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// The most time one call may spend, all its attempts and waits together (rate-limit waits included); a wait the
        /// API asks for (<c>Retry-After</c>) beyond it fails the call at once.
        /// </summary>
        public TimeSpan RetryBudget { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>
        /// How many requests may leave for one account per <see cref="RateLimitWindow"/>, from this process, or from all the
        /// processes that share <see cref="RateLedgerFolder"/>. Every client of the same base URI and key shares one
        /// <see cref="RateLimiting.RateGovernor"/>; the options of the latest client made set its limit.
        /// </summary>
        public int RateLimitRequests { get; set; } = 30;

        public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// The folder through which the processes of this user on this machine share each account's request budget (one
        /// small ledger file per account; the module uses <see cref="RateLimiting.RateLedgerLocation.Folder"/>); null keeps
        /// the budget to this process.
        /// </summary>
        public string? RateLedgerFolder { get; set; }

        /// <summary>Receives a line for each request, retry and wait (verbose) and each body (debug). Never holds the key.</summary>
        public Action<SeedanceTrace>? Trace { get; set; }

        /// <summary>
        /// Receives, as it happens, what someone waiting on a call should see: a retry that keeps the caller waiting for
        /// more than a couple of seconds, and why. Never holds the key.
        /// </summary>
        public Action<string>? Warning { get; set; }

        /// <summary>The clock of retries, timeouts and the rate budget; tests give a fake one.</summary>
        internal TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>Records submissions and task states on disk; null turns journaling off.</summary>
        public Journal.ITaskJournal? Journal { get; set; }

        /// <summary>Where tasks are made, as tasks and the journal record it: <see cref="BaseUri"/> without user info.</summary>
        internal Uri Endpoint => EndpointOf(BaseUri);

        /// <summary>
        /// <paramref name="baseUri"/> without the user name and password a URI may carry: they are credentials, and never
        /// reach a task, the journal or a listing.
        /// </summary>
        public static Uri EndpointOf(Uri baseUri)
        {
            if (baseUri is null)
            {
                throw new ArgumentNullException(nameof(baseUri));
            }

            return baseUri.IsAbsoluteUri && baseUri.UserInfo.Length > 0
                ? new UriBuilder(baseUri) { UserName = string.Empty, Password = string.Empty }.Uri
                : baseUri;
        }

        /// <summary>True when two base URIs name the same API: scheme, host, port and path alike (user info and a final slash aside).</summary>
        public static bool SameEndpoint(Uri first, Uri second) =>
            string.Equals(EndpointKey(first), EndpointKey(second), StringComparison.OrdinalIgnoreCase);

        private static string EndpointKey(Uri uri) =>
            uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) + "/" + uri.GetComponents(UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');

        /// <summary>A copy: a client keeps its own, so a caller changing the options later changes nothing under it.</summary>
        internal SeedanceClientOptions Copy() => (SeedanceClientOptions)MemberwiseClone();

        /// <summary>Throws when the options cannot be used safely.</summary>
        public void Validate()
        {
            CheckBaseUri(BaseUri);

            if (BaseUri.Scheme == Uri.UriSchemeHttp && !BaseUri.IsLoopback)
            {
                throw new SeedanceException(
                    SeedanceErrorCodes.InvalidConfiguration,
                    $"The base URI '{BaseUri}' uses plain http to a host that is not this machine; the API key is only ever sent over https (or to a loopback sandbox).");
            }

            if (AttemptTimeout <= TimeSpan.Zero || MaxRetries < 0 || RetryBudget < TimeSpan.Zero || RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay || RetryMaxDelay > TimeSpan.FromDays(1))
            {
                throw new SeedanceException(
                    SeedanceErrorCodes.InvalidConfiguration,
                    "The retry settings need a positive attempt timeout, zero or more retries, a budget of zero or more, and a maximum delay no shorter than the base delay and no longer than a day.");
            }

            if (RateLimitRequests < 1 || RateLimitWindow <= TimeSpan.Zero)
            {
                throw new SeedanceException(SeedanceErrorCodes.InvalidConfiguration, "The rate limit needs at least one request per positive window.");
            }
        }

        /// <summary>Throws unless <paramref name="baseUri"/> is an absolute http or https URI: the API is reached at nothing else.</summary>
        internal static void CheckBaseUri(Uri baseUri)
        {
            if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
            {
                throw new SeedanceException(SeedanceErrorCodes.InvalidConfiguration, $"The base URI '{baseUri}' is not an absolute http or https URI.");
            }
        }
    }
}
