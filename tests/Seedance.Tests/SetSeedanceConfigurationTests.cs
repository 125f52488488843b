using System;
using System.Linq;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>The session's settings: each default is written once, in SeedanceClientOptions (the session's own beside it).</summary>
    public sealed class SetSeedanceConfigurationTests
    {
        /// <summary>What a new client's options hold, in the module's own load context (the options are internal: made by reflection).</summary>
        private static (int RateLimitRequests, double RateLimitWindowSeconds, int MaxRetries, double AttemptTimeoutSeconds, double RetryBudgetSeconds) Defaults(PowerShellSession session)
        {
            var options = session.Run("[Activator]::CreateInstance([Seedance.SeedanceTask].Assembly.GetType('Seedance.Client.SeedanceClientOptions', $true))").ShouldSucceed().Output.Single();
            return (
                (int)options.Properties["RateLimitRequests"].Value,
                ((TimeSpan)options.Properties["RateLimitWindow"].Value).TotalSeconds,
                (int)options.Properties["MaxRetries"].Value,
                ((TimeSpan)options.Properties["AttemptTimeout"].Value).TotalSeconds,
                ((TimeSpan)options.Properties["RetryBudget"].Value).TotalSeconds);
        }

        [Fact]
        public void Reset_brings_every_setting_back_to_its_one_default()
        {
            using var session = new PowerShellSession();
            var defaults = Defaults(session);
            session.Run("Set-SeedanceConfiguration -BaseUri http://127.0.0.1:9/ -RateLimit 7 -RateLimitWindowSeconds 9 -MaxRetries 1 -AttemptTimeoutSeconds 3 -RetryBudgetSeconds 4 -SecretName Other -SecretVault Vault -NoJournal").ShouldSucceed();

            var reset = session.Run("Set-SeedanceConfiguration -Reset -PassThru").ShouldSucceed().Output.Single();

            Assert.Null(reset.Properties["ExplicitBaseUri"].Value);
            Assert.Equal(defaults.RateLimitRequests, reset.Properties["RateLimit"].Value);
            Assert.Equal(defaults.RateLimitWindowSeconds, reset.Properties["RateLimitWindowSeconds"].Value);
            Assert.Equal(defaults.MaxRetries, reset.Properties["MaxRetries"].Value);
            Assert.Equal(defaults.AttemptTimeoutSeconds, reset.Properties["AttemptTimeoutSeconds"].Value);
            Assert.Equal(defaults.RetryBudgetSeconds, reset.Properties["RetryBudgetSeconds"].Value);
            Assert.Equal("Seedance", reset.Properties["SecretName"].Value);
            Assert.Null(reset.Properties["SecretVault"].Value);
            Assert.Null(reset.Properties["ExplicitJournalEnabled"].Value);
        }

        [Fact]
        public void A_fresh_session_starts_from_the_same_defaults_as_a_client()
        {
            using var session = new PowerShellSession();
            var defaults = Defaults(session);

            var fresh = session.Run("Get-SeedanceConfiguration").ShouldSucceed().Output.Single();

            Assert.Equal(
                (defaults.RateLimitRequests, defaults.RateLimitWindowSeconds, defaults.MaxRetries, defaults.AttemptTimeoutSeconds, defaults.RetryBudgetSeconds),
                ((int)fresh.Properties["RateLimit"].Value, (double)fresh.Properties["RateLimitWindowSeconds"].Value, (int)fresh.Properties["MaxRetries"].Value, (double)fresh.Properties["AttemptTimeoutSeconds"].Value, (double)fresh.Properties["RetryBudgetSeconds"].Value));
        }
    }
}
