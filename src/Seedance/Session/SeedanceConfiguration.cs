using System.Security;
using Seedance.Client.Journal;
using Seedance.Client.RateLimiting;
using Seedance.RateLimiting;
using Seedance.Client;

namespace Seedance.Session
{
    /// <summary>The settings of one PowerShell session (runspace): where the API is and how the module may use it.</summary>
    public sealed class SeedanceConfiguration
    {
        /// <summary>The environment variable that sets the base URI (CI, scheduled jobs, the sandbox).</summary>
        public const string BaseUriVariable = "SEEDANCE_BASE_URI";

        /// <summary>The name Set-SeedanceApiKey gives the secret unless told otherwise.</summary>
        public const string DefaultSecretName = "Seedance";

        private Settings _settings = new();

        /// <summary>Where the API lives: set explicitly, else <c>SEEDANCE_BASE_URI</c>, else the hosted API.</summary>
        public Uri BaseUri => ExplicitBaseUri ?? EnvironmentBaseUri() ?? SeedanceClientOptions.DefaultBaseUri;

        /// <summary>The base URI given with Set-SeedanceConfiguration, if any.</summary>
        public Uri? ExplicitBaseUri
        {
            get => _settings.BaseUri;
            set => _settings.BaseUri = value;
        }

        /// <summary>Requests the module may send per window, for all its cmdlets, runspaces and (by default) processes together.</summary>
        public int RateLimit
        {
            get => _settings.Client.RateLimitRequests;
            set => _settings.Client.RateLimitRequests = value;
        }

        /// <summary>The rate limit's window, in seconds.</summary>
        public double RateLimitWindowSeconds
        {
            get => _settings.Client.RateLimitWindow.TotalSeconds;
            set => _settings.Client.RateLimitWindow = TimeSpan.FromSeconds(value);
        }

        /// <summary>
        /// Who shares the request budget: set explicitly, else <c>SEEDANCE_RATE_LIMIT_SCOPE</c>, else every process of this
        /// user on this machine (through a ledger in <c>SEEDANCE_RATE_LEDGER_PATH</c> or beside the journal's default folder).
        /// </summary>
        public RateLimitScope RateLimitScope => ExplicitRateLimitScope ?? RateLedgerLocation.EnvironmentScope ?? RateLimitScope.Machine;

        /// <summary>The scope given with Set-SeedanceConfiguration -RateLimitScope, if any.</summary>
        public RateLimitScope? ExplicitRateLimitScope
        {
            get => _settings.RateLimitScope;
            set => _settings.RateLimitScope = value;
        }

        /// <summary>How many times a failed request may be retried.</summary>
        public int MaxRetries
        {
            get => _settings.Client.MaxRetries;
            set => _settings.Client.MaxRetries = value;
        }

        /// <summary>How long one attempt may take, in seconds.</summary>
        public double AttemptTimeoutSeconds
        {
            get => _settings.Client.AttemptTimeout.TotalSeconds;
            set => _settings.Client.AttemptTimeout = TimeSpan.FromSeconds(value);
        }

        /// <summary>The most time one call may spend across attempts and waits, in seconds.</summary>
        public double RetryBudgetSeconds
        {
            get => _settings.Client.RetryBudget.TotalSeconds;
            set => _settings.Client.RetryBudget = TimeSpan.FromSeconds(value);
        }

        /// <summary>
        /// The task journal file: set explicitly, else <c>SEEDANCE_JOURNAL_PATH</c>, else the per-user default
        /// (<c>%LOCALAPPDATA%\Seedance</c>, <c>~/Library/Application Support/Seedance</c>, <c>~/.local/share/seedance</c>).
        /// </summary>
        public string JournalPath => ExplicitJournalPath ?? JournalLocation.EnvironmentPath ?? JournalLocation.DefaultPath;

        /// <summary>The journal path given with Set-SeedanceConfiguration -JournalPath, if any.</summary>
        public string? ExplicitJournalPath
        {
            get => _settings.JournalPath;
            set => _settings.JournalPath = value;
        }

        /// <summary>Whether submissions are journaled: set explicitly (-NoJournal, -JournalPath), else off when <c>SEEDANCE_JOURNAL=off</c>.</summary>
        public bool JournalEnabled => ExplicitJournalEnabled ?? !JournalLocation.DisabledByEnvironment;

        /// <summary>The journal switch given with Set-SeedanceConfiguration, if any.</summary>
        public bool? ExplicitJournalEnabled
        {
            get => _settings.JournalEnabled;
            set => _settings.JournalEnabled = value;
        }

        /// <summary>The SecretManagement secret that holds the key (written by Set-SeedanceApiKey).</summary>
        public string SecretName
        {
            get => _settings.SecretName;
            set => _settings.SecretName = value;
        }

        /// <summary>The vault of that secret; empty means the default vault (and, when reading, every vault).</summary>
        public string? SecretVault
        {
            get => _settings.SecretVault;
            set => _settings.SecretVault = value;
        }

        /// <summary>The key set with <c>Set-SeedanceApiKey -SessionOnly</c>; it outlives <see cref="Reset"/>.</summary>
        internal SecureString? SessionApiKey { get; set; }

        /// <summary>The key read from the vault, kept for the session.</summary>
        internal Keys.VaultKeyCache VaultKey { get; } = new();

        /// <summary>Every setting back to its default (Set-SeedanceConfiguration -Reset).</summary>
        internal void Reset() => _settings = new Settings();

        /// <summary>The client options for one call with <paramref name="apiKey"/> (which may be set later, once the settings are known to be usable).</summary>
        internal SeedanceClientOptions ToClientOptions(SecureString? apiKey, Action<SeedanceTrace>? trace)
        {
            var options = _settings.Client.Copy();
            options.BaseUri = BaseUri;
            options.ApiKey = apiKey;
            options.Trace = trace;
            options.RateLedgerFolder = RateLimitScope == RateLimitScope.Machine ? RateLedgerLocation.Folder : null;
            options.Journal = JournalIfEnabled(trace);
            return options;
        }

        /// <summary>This session's journal, or null when it is turned off; failures to record later states go to <paramref name="trace"/>.</summary>
        internal TaskJournal? JournalIfEnabled(Action<SeedanceTrace>? trace) =>
            JournalEnabled ? new TaskJournal(JournalPath, message => trace?.Invoke(new SeedanceTrace(SeedanceTraceLevel.Verbose, message))) : null;

        /// <summary>
        /// The settings a session may change, each with its default written once: the client's in
        /// <see cref="SeedanceClientOptions"/>, the session's own here.
        /// </summary>
        private sealed class Settings
        {
            public SeedanceClientOptions Client { get; } = new();

            public Uri? BaseUri { get; set; }

            public RateLimitScope? RateLimitScope { get; set; }

            public string? JournalPath { get; set; }

            public bool? JournalEnabled { get; set; }

            public string SecretName { get; set; } = DefaultSecretName;

            public string? SecretVault { get; set; }
        }

        private static Uri? EnvironmentBaseUri() =>
            Environment.GetEnvironmentVariable(BaseUriVariable) is { Length: > 0 } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
    }
}
