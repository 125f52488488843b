using Seedance.Binding;
using Seedance.Session;
using Seedance.RateLimiting;

namespace Seedance.Commands
{
    /// <summary>Changes this session's Seedance settings: base URI, rate limit, retries, timeouts, where the key is stored, and the task journal.</summary>
    [Cmdlet(VerbsCommon.Set, "SeedanceConfiguration", SupportsShouldProcess = true, DefaultParameterSetName = JournalUnchangedParameterSet)]
    [OutputType(typeof(SeedanceConfiguration))]
    public sealed class SetSeedanceConfigurationCommand : SeedanceCmdlet
    {
        private const string JournalUnchangedParameterSet = "JournalUnchanged";
        private const string JournalPathParameterSet = "JournalPath";
        private const string NoJournalParameterSet = "NoJournal";

        /// <summary>Where the API lives (for example a local sandbox: http://127.0.0.1:5080); an absolute http or https URI, whose path is kept.</summary>
        [Parameter]
        [ValidateNotNull]
        [ValidateBaseUri]
        public Uri? BaseUri { get; set; }

        /// <summary>Requests per window that the module may send, for all its cmdlets, runspaces and (by default) processes on this machine.</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int RateLimit { get; set; }

        /// <summary>The rate limit's window in seconds.</summary>
        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double RateLimitWindowSeconds { get; set; }

        /// <summary>Who shares the request budget: Machine (every process of this user, the default) or Process; overrides SEEDANCE_RATE_LIMIT_SCOPE.</summary>
        [Parameter]
        public Seedance.RateLimiting.RateLimitScope RateLimitScope { get; set; }

        /// <summary>How many times a failed request may be retried (0 turns retries off).</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public int MaxRetries { get; set; }

        /// <summary>How long one attempt may take, in seconds.</summary>
        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double AttemptTimeoutSeconds { get; set; }

        /// <summary>The most time one call may spend across attempts and waits, in seconds.</summary>
        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double RetryBudgetSeconds { get; set; }

        /// <summary>The task journal file for this session (turns the journal on); overrides SEEDANCE_JOURNAL_PATH.</summary>
        [Parameter(Mandatory = true, ParameterSetName = JournalPathParameterSet)]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>Do not journal submissions in this session (a lost task id can then not be recovered).</summary>
        [Parameter(Mandatory = true, ParameterSetName = NoJournalParameterSet)]
        public SwitchParameter NoJournal { get; set; }

        /// <summary>The name of the SecretManagement secret that holds the API key (default: Seedance).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SecretName { get; set; }

        /// <summary>The SecretManagement vault of that secret; empty for the default vault.</summary>
        [Parameter]
        [AllowEmptyString]
        [AllowNull]
        public string? SecretVault { get; set; }

        /// <summary>Go back to the defaults (and SEEDANCE_BASE_URI) before applying the other parameters.</summary>
        [Parameter]
        public SwitchParameter Reset { get; set; }

        /// <summary>Emit the resulting configuration.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void OnEnd()
        {
            var configuration = Configuration;
            if (!ShouldProcess("Seedance configuration of this session", "Set"))
            {
                return;
            }

            if (Reset)
            {
                configuration.Reset();
            }

            var bound = MyInvocation.BoundParameters;
            if (bound.ContainsKey(nameof(BaseUri)))
            {
                configuration.ExplicitBaseUri = BaseUri;
            }

            if (bound.ContainsKey(nameof(RateLimit)))
            {
                configuration.RateLimit = RateLimit;
            }

            if (bound.ContainsKey(nameof(RateLimitWindowSeconds)))
            {
                configuration.RateLimitWindowSeconds = RateLimitWindowSeconds;
            }

            if (bound.ContainsKey(nameof(RateLimitScope)))
            {
                configuration.ExplicitRateLimitScope = RateLimitScope;
            }

            if (bound.ContainsKey(nameof(MaxRetries)))
            {
                configuration.MaxRetries = MaxRetries;
            }

            if (bound.ContainsKey(nameof(AttemptTimeoutSeconds)))
            {
                configuration.AttemptTimeoutSeconds = AttemptTimeoutSeconds;
            }

            if (bound.ContainsKey(nameof(RetryBudgetSeconds)))
            {
                configuration.RetryBudgetSeconds = RetryBudgetSeconds;
            }

            if (JournalPath is not null)
            {
                configuration.ExplicitJournalPath = GetUnresolvedProviderPathFromPSPath(JournalPath);
                configuration.ExplicitJournalEnabled = true;
            }

            if (NoJournal)
            {
                configuration.ExplicitJournalEnabled = false;
            }

            if (bound.ContainsKey(nameof(SecretName)))
            {
                configuration.SecretName = SecretName!;
            }

            if (bound.ContainsKey(nameof(SecretVault)))
            {
                configuration.SecretVault = string.IsNullOrEmpty(SecretVault) ? null : SecretVault;
            }

            if (PassThru)
            {
                WriteObject(configuration);
            }
        }
    }
}
