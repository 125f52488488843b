using System.Net;
using System.Threading.Tasks;
using Seedance.Sandbox.Tests.Infrastructure;
using Xunit;

namespace Seedance.Sandbox.Tests
{
    /// <summary>Idempotency per account: a finished request's key replays its first answer and charges once.</summary>
    public sealed class IdempotencyTests
    {
        [Fact]
        public async Task Replay_with_same_key_and_body_returns_the_first_202_and_charges_once()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            using var first = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "replay-1");
            var firstBody = await first.Content.ReadAsStringAsync();

            using var second = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody, "replay-1");
            var secondBody = await second.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
            Assert.Equal(firstBody, secondBody);
            var account = sandbox.Host.Account(sandbox.Api.ApiKey);
            var charge = Assert.Single(account.Charges);
            Assert.Equal("replay-1", charge.IdempotencyKey);
            Assert.Equal(sandbox.Host.Options.InitialCredits - 30, account.Balance);
        }

        [Fact]
        public async Task Replay_matches_the_same_json_written_differently()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var id = await sandbox.Api.SubmitAcceptedAsync("{\"prompt\":\"A fox\",\"duration\":\"6\"}", "canon-1");

            var again = await sandbox.Api.SubmitAcceptedAsync("{ \"duration\" : \"6\",\n  \"prompt\" : \"A fox\" }", "canon-1");

            Assert.Equal(id, again);
            Assert.Single(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
        }

        [Fact]
        public async Task Same_key_on_two_accounts_creates_two_tasks()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            sandbox.Host.AddAccount("sk_test_second", 1000);
            using var second = new SandboxApi(sandbox.Host, "sk_test_second");

            var a = await sandbox.Api.SubmitAcceptedAsync(SandboxApi.ValidBody, "shared-key");
            var b = await second.SubmitAcceptedAsync(SandboxApi.ValidBody, "shared-key");

            Assert.NotEqual(a, b);
            Assert.Single(sandbox.Host.Account("sk_test_second").Charges);
            Assert.Single(sandbox.Host.Account(sandbox.Api.ApiKey).Charges);
        }

        [Fact]
        public async Task Same_body_with_a_new_key_is_a_new_paid_task()
        {
            await using var sandbox = await TestSandbox.StartAsync();

            var a = await sandbox.Api.SubmitAcceptedAsync(SandboxApi.ValidBody, "k-1");
            var b = await sandbox.Api.SubmitAcceptedAsync(SandboxApi.ValidBody, "k-2");

            Assert.NotEqual(a, b);
            Assert.Equal(2, sandbox.Host.Account(sandbox.Api.ApiKey).Charges.Count);
        }
    }
}
