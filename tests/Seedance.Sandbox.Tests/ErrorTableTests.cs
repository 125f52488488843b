using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Seedance.Sandbox.Tests.Infrastructure;
using Xunit;

namespace Seedance.Sandbox.Tests
{
    /// <summary>The contract's error table, one case per row, each in the one error shape.</summary>
    public sealed class ErrorTableTests
    {
        [Theory]
        [InlineData("missing", null)]
        [InlineData("not Bearer", "Basic c2tfdGVzdF9zYW5kYm94Og==")]
        [InlineData("Bearer without a key", "Bearer ")]
        [InlineData("unknown key", "Bearer sk_test_nobody")]
        public async Task Unauthorized_401_for_a_missing_malformed_or_unknown_key(string variant, string? authorization)
        {
            await using var sandbox = await TestSandbox.StartAsync();
            using var request = sandbox.Api.SubmitRequest(SandboxApi.ValidBody);
            request.Headers.Remove("Authorization");
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await sandbox.Api.Http.SendAsync(request);

            await SandboxApi.AssertErrorAsync(response, 401, "unauthorized");
            Assert.True(sandbox.Host.Account(sandbox.Api.ApiKey).Charges.Count == 0, variant);
        }

        [Fact]
        public async Task Unauthorized_401_for_a_revoked_key_on_both_endpoints()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.AddAccount("sk_test_revoked", 1000);
            using var api = new SandboxApi(sandbox.Host, "sk_test_revoked");
            var id = await api.SubmitAcceptedAsync();

            sandbox.Host.RevokeKey("sk_test_revoked");

            using var submit = await api.SubmitAsync(SandboxApi.ValidBody);
            await SandboxApi.AssertErrorAsync(submit, 401, "unauthorized");
            using var get = await api.GetTaskAsync(id);
            await SandboxApi.AssertErrorAsync(get, 401, "unauthorized");
            Assert.Single(sandbox.Host.Account("sk_test_revoked").Charges);
        }

        [Fact]
        public async Task Invalid_request_400_for_a_bad_field()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            using var response = await sandbox.Api.SubmitAsync("{\"prompt\":\"A fox\",\"duration\":5}");

            var message = await SandboxApi.AssertErrorAsync(response, 400, "invalid_request");
            Assert.Contains("duration", message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Insufficient_credits_402_charges_nothing()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var account = sandbox.Host.AddAccount("sk_test_poor", 29);
            using var api = new SandboxApi(sandbox.Host, "sk_test_poor");

            using var response = await api.SubmitAsync(SandboxApi.ValidBody, "poor-1");

            await SandboxApi.AssertErrorAsync(response, 402, "insufficient_credits");
            Assert.Equal(29, account.Balance);
            Assert.Empty(account.Charges);
        }

        [Fact]
        public async Task Insufficient_credits_402_is_not_remembered_so_the_key_can_be_used_again()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var poor = sandbox.Host.AddAccount("sk_test_poor", 29);
            using var api = new SandboxApi(sandbox.Host, "sk_test_poor");
            using var refused = await api.SubmitAsync("{\"prompt\":\"A fox\"}", "same-key");
            await SandboxApi.AssertErrorAsync(refused, 402, "insufficient_credits");

            using var cheaper = await api.SubmitAsync("{\"prompt\":\"A fox\",\"quality_tier\":\"mini\",\"duration\":\"4\"}", "same-key");

            Assert.Equal(HttpStatusCode.Accepted, cheaper.StatusCode);
            Assert.Equal(29 - 12, poor.Balance);
        }

        [Fact]
        public async Task Rate_limited_429_with_integer_retry_after_and_no_effect()
        {
            await using var sandbox = await TestSandbox.StartAsync(o =>
            {
                o.RateLimitRequests = 3;
                o.RateLimitWindow = TimeSpan.FromSeconds(30);
            });
            for (var i = 0; i < 3; i++)
            {
                await sandbox.Api.SubmitAcceptedAsync();
            }

            using var response = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody);

            await SandboxApi.AssertErrorAsync(response, 429, "rate_limited");
            var retryAfter = response.Headers.GetValues("Retry-After").Single();
            Assert.Matches("^[0-9]+$", retryAfter);
            Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 30);
            Assert.Equal(3, sandbox.Host.Account(sandbox.Api.ApiKey).Charges.Count);
        }

        [Fact]
        public async Task Idempotency_conflict_409_for_the_same_key_with_another_body()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            await sandbox.Api.SubmitAcceptedAsync("{\"prompt\":\"A fox\"}", "key-1");

            using var response = await sandbox.Api.SubmitAsync("{\"prompt\":\"A wolf\"}", "key-1");

            await SandboxApi.AssertErrorAsync(response, 409, "idempotency_conflict");
            Assert.Single(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
        }

        [Fact]
        public async Task Idempotency_conflict_409_while_the_first_request_with_the_key_is_still_running()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.Slow, delay: TimeSpan.FromSeconds(3));
            var slow = sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "key-1");
            await WaitUntilAsync(() => sandbox.Host.Faults.Pending == 0);

            using (var second = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "key-1"))
            {
                await SandboxApi.AssertErrorAsync(second, 409, "idempotency_conflict");
            }

            using var first = await slow;
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            Assert.Single(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
        }

        [Fact]
        public async Task Service_busy_503_has_no_effect()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.ServiceBusy503);

            using var response = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "busy-1");

            await SandboxApi.AssertErrorAsync(response, 503, "service_busy");
            Assert.Empty(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
        }

        [Fact]
        public async Task Not_found_404_for_an_unknown_task_id()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            using var response = await sandbox.Api.GetTaskAsync("sd2_doesnotexist");

            await SandboxApi.AssertErrorAsync(response, 404, "not_found");
        }

        [Fact]
        public async Task Not_found_404_for_another_accounts_task()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.AddAccount("sk_test_other", 1000);
            using var other = new SandboxApi(sandbox.Host, "sk_test_other");
            var id = await other.SubmitAcceptedAsync();

            using var response = await sandbox.Api.GetTaskAsync(id);

            await SandboxApi.AssertErrorAsync(response, 404, "not_found");
        }

        [Fact]
        public async Task Internal_error_500_from_a_fault()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.Faults.Enqueue(SandboxFaultKind.InternalErrorBeforeCreate500, endpoint: SandboxEndpoint.Task);

            using var response = await sandbox.Api.GetTaskAsync("sd2_any");

            await SandboxApi.AssertErrorAsync(response, 500, "internal_error");
        }

        internal static async Task WaitUntilAsync(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!condition() && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            Assert.True(condition());
        }
    }
}
