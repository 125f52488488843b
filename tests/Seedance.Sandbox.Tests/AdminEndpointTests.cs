using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Seedance.Sandbox.Tests.Infrastructure;
using Xunit;

namespace Seedance.Sandbox.Tests
{
    /// <summary>Inspection under <c>/_sandbox/</c>: the request log (never the key) and the accounts' ledgers.</summary>
    public sealed class AdminEndpointTests
    {
        [Fact]
        public async Task Log_lists_method_path_status_key_and_body_hash_but_never_the_api_key()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            var id = await sandbox.Api.SubmitAcceptedAsync(SandboxApi.ValidBody, "logged-1");
            using (await sandbox.Api.GetTaskAsync(id))
            {
            }

            using var response = await sandbox.Api.Http.GetAsync(sandbox.Api.Url("_sandbox/log"));
            var text = await response.Content.ReadAsStringAsync();
            var entries = JsonDocument.Parse(text).RootElement.EnumerateArray().ToList();

            Assert.DoesNotContain(sandbox.Api.ApiKey, text, System.StringComparison.Ordinal);
            Assert.Equal(2, entries.Count);
            Assert.Equal("POST", entries[0].GetProperty("method").GetString());
            Assert.Equal("/api/v1/video/seedance2", entries[0].GetProperty("path").GetString());
            Assert.Equal(202, entries[0].GetProperty("status").GetInt32());
            Assert.Equal("logged-1", entries[0].GetProperty("idempotency_key").GetString());
            Assert.Equal(
                System.Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(SandboxApi.ValidBody))),
                entries[0].GetProperty("body_sha256").GetString());
            Assert.Equal("default", entries[0].GetProperty("account").GetString());
            Assert.Equal("/api/v1/tasks/" + id, entries[1].GetProperty("path").GetString());
            Assert.Equal(200, entries[1].GetProperty("status").GetInt32());
            Assert.Equal(sandbox.Host.RequestLog.Select(r => r.Status), new[] { 202, 200 });
        }

        [Fact]
        public async Task Accounts_show_balances_charges_and_refunds_and_accounts_can_be_added()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            using (var add = new StringContent("{\"api_key\":\"sk_test_added\",\"credits\":500,\"name\":\"ci\"}", Encoding.UTF8, "application/json"))
            using (var added = await sandbox.Api.Http.PostAsync(sandbox.Api.Url("_sandbox/accounts"), add))
            {
                Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            }

            using var api = new SandboxApi(sandbox.Host, "sk_test_added");
            var id = await api.SubmitAcceptedAsync("{\"prompt\":\"A fox [fail]\"}", "ledger-1");
            await api.WaitFinishedAsync(id);

            using var response = await sandbox.Api.Http.GetAsync(sandbox.Api.Url("_sandbox/accounts"));
            var text = await response.Content.ReadAsStringAsync();
            var ci = JsonDocument.Parse(text).RootElement.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "ci");

            Assert.DoesNotContain("sk_test_added", text, System.StringComparison.Ordinal);
            Assert.Equal(500, ci.GetProperty("balance").GetDecimal());
            var charge = Assert.Single(ci.GetProperty("charges").EnumerateArray());
            Assert.Equal(id, charge.GetProperty("task_id").GetString());
            Assert.Equal("ledger-1", charge.GetProperty("idempotency_key").GetString());
            Assert.Equal(30, charge.GetProperty("credits").GetDecimal());
            var refund = Assert.Single(ci.GetProperty("refunds").EnumerateArray());
            Assert.Equal(30, refund.GetProperty("credits").GetDecimal());
        }

        [Fact]
        public async Task Revoke_endpoint_turns_a_key_away()
        {
            await using var sandbox = await TestSandbox.StartAsync();
            using var revoke = new StringContent($"{{\"api_key\":\"{sandbox.Api.ApiKey}\"}}", Encoding.UTF8, "application/json");
            using (var revoked = await sandbox.Api.Http.PostAsync(sandbox.Api.Url("_sandbox/accounts/revoke"), revoke))
            {
                Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
            }

            using var response = await sandbox.Api.SubmitAsync(SandboxApi.ValidBody);

            await SandboxApi.AssertErrorAsync(response, 401, "unauthorized");
        }
    }
}
