using System;
using Seedance.Client.Tests.Transport;
using Xunit;

namespace Seedance.Client.Tests.Logic
{
    public sealed class SeedanceClientGovernorTests
    {
        [Fact]
        public void Reading_RateGovernor_does_not_change_the_accounts_limit()
        {
            var key = "sk_test_" + Guid.NewGuid().ToString("N");
            var first = new SeedanceClient(new SeedanceClientOptions { BaseUri = new Uri("http://127.0.0.1:7/"), ApiKey = SandboxSession.Secure(key), RateLimitRequests = 30 });
            var second = new SeedanceClient(new SeedanceClientOptions { BaseUri = new Uri("http://127.0.0.1:7/"), ApiKey = SandboxSession.Secure(key), RateLimitRequests = 7 });

            Assert.Equal(7, first.RateGovernor.RequestsPerWindow);
            Assert.Same(first.RateGovernor, second.RateGovernor);
            Assert.Equal(7, second.RateGovernor.RequestsPerWindow);
        }
    }
}
