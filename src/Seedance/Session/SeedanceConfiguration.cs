using System;
using System.Security;

namespace Seedance.Session
{
    /// <summary>The settings of one PowerShell session (runspace): where the API is and how the module may use it.</summary>
    public sealed class SeedanceConfiguration
    {
        /// <summary>The environment variable that sets the base URI (CI, scheduled jobs, the sandbox).</summary>
        public const string BaseUriVariable = "SEEDANCE_BASE_URI";

        /// <summary>The name Set-SeedanceApiKey gives the secret unless told otherwise.</summary>
        public const string DefaultSecretName = "Seedance";

        /// <summary>Where the API lives: set explicitly, else <c>SEEDANCE_BASE_URI</c>, else the hosted API.</summary>
        public Uri BaseUri => ExplicitBaseUri ?? EnvironmentBaseUri() ?? SeedanceClientOptions.DefaultBaseUri;

        /// <summary>The base URI given with Set-SeedanceConfiguration, if any.</summary>
        public Uri? ExplicitBaseUri { get; set; }

        /// <summary>Requests the module may send per window, for all its cmdlets and runspaces together.</summary>
        public int RateLimit { get; set; } = 30;

        /// <summary>The rate limit's window, in seconds.</summary>
        public double RateLimitWindowSeconds { get; set; } = 60;

        /// <summary>How many times a failed request may be retried.</summary>
        public int MaxRetries { get; set; } = 6;

        /// <summary>How long one attempt may take, in seconds.</summary>
        public double AttemptTimeoutSeconds { get; set; } = 100;

        /// <summary>The most time one call may spend across attempts and waits, in seconds.</summary>
        public double RetryBudgetSeconds { get; set; } = 300;

        /// <summary>The SecretManagement secret that holds the key (written by Set-SeedanceApiKey).</summary>
        public string SecretName { get; set; } = DefaultSecretName;

        /// <summary>The vault of that secret; empty means the default vault (and, when reading, every vault).</summary>
        public string? SecretVault { get; set; }

        /// <summary>The key set with <c>Set-SeedanceApiKey -SessionOnly</c>.</summary>
        internal SecureString? SessionApiKey { get; set; }

        /// <summary>The client options for one call with <paramref name="apiKey"/>.</summary>
        internal SeedanceClientOptions ToClientOptions(SecureString apiKey, Action<SeedanceTrace>? trace) => new()
        {
            BaseUri = BaseUri,
            ApiKey = apiKey,
            RateLimitRequests = RateLimit,
            RateLimitWindow = TimeSpan.FromSeconds(RateLimitWindowSeconds),
            MaxRetries = MaxRetries,
            AttemptTimeout = TimeSpan.FromSeconds(AttemptTimeoutSeconds),
            RetryBudget = TimeSpan.FromSeconds(RetryBudgetSeconds),
            Trace = trace,
        };

        private static Uri? EnvironmentBaseUri() =>
            Environment.GetEnvironmentVariable(BaseUriVariable) is { Length: > 0 } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
    }
}
