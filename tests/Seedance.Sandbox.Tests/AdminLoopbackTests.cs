using System;
using System.IO;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Seedance.Sandbox.Admin;
using Xunit;

namespace Seedance.Sandbox.Tests
{
    /// <summary>The admin endpoints answer loopback callers only (the sandbox listens on loopback, so this is the handler alone).</summary>
    public sealed class AdminLoopbackTests
    {
        [Theory]
        [InlineData("192.0.2.10", 403)]
        [InlineData("::ffff:198.51.100.7", 403)]
        [InlineData("127.0.0.1", 200)]
        [InlineData("::1", 200)]
        public async Task Admin_endpoint_answers_loopback_callers_only(string remote, int status)
        {
            using var state = new SandboxState(new SandboxOptions());
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            context.Request.Method = "GET";
            context.Request.Path = "/_sandbox/accounts";
            context.Response.Body = new MemoryStream();

            await new AdminHandler(state).HandleAsync(context, "/_sandbox/accounts");

            Assert.Equal(status, context.Response.StatusCode);
        }
    }
}
