using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace Seedance.Sandbox.Tests
{
    public sealed class SandboxStartTests
    {
        [Fact]
        public async Task Sandbox_on_port_zero_reports_the_loopback_port_it_bound()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            using var http = new HttpClient();

            using var response = await http.GetAsync(new System.Uri(sandbox.BaseUri, "_sandbox/health"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("127.0.0.1", sandbox.BaseUri.Host);
            Assert.NotEqual(0, sandbox.BaseUri.Port);
        }

        [Fact]
        public async Task Health_names_the_other_port_on_loopback()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            using var http = new HttpClient();

            var health = await http.GetStringAsync(new System.Uri(sandbox.BaseUri, "_sandbox/health"));

            Assert.Contains($"\"elsewhere\":\"{sandbox.ElsewhereUri.AbsoluteUri}\"", health, System.StringComparison.Ordinal);
            Assert.Equal("127.0.0.1", sandbox.ElsewhereUri.Host);
            Assert.NotEqual(sandbox.BaseUri.Port, sandbox.ElsewhereUri.Port);
        }
    }
}
