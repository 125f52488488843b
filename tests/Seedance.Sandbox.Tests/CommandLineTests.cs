using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Seedance.Sandbox.Tests
{
    /// <summary>The sandbox as a program: its first two lines, its switches, and how it stops.</summary>
    public sealed class CommandLineTests
    {
        [Fact]
        public async Task Program_prints_address_and_key_first_and_stops_when_stdin_closes()
        {
            using var process = StartProgram("--port", "0", "--api-key", "sk_test_cli", "--credits", "40", "--processing-seconds", "0.1", "--rate-limit", "5", "--rate-window-seconds", "60");
            try
            {
                var first = await process.StandardOutput.ReadLineAsync();
                var second = await process.StandardOutput.ReadLineAsync();

                var match = Regex.Match(first ?? string.Empty, @"^Seedance sandbox listening on http://127\.0\.0\.1:(?<port>[1-9][0-9]*)/$");
                Assert.True(match.Success, first);
                Assert.Equal("Test API key: sk_test_cli", second);
                using var http = new HttpClient { BaseAddress = new Uri(first!["Seedance sandbox listening on ".Length..]) };
                using var submit = new HttpRequestMessage(HttpMethod.Post, "api/v1/video/seedance2")
                {
                    Content = new StringContent("{\"prompt\":\"A fox\"}", System.Text.Encoding.UTF8, "application/json"),
                };
                submit.Headers.TryAddWithoutValidation("Authorization", "Bearer sk_test_cli");
                submit.Headers.TryAddWithoutValidation("Idempotency-Key", "cli-1");
                using (var accepted = await http.SendAsync(submit))
                {
                    Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
                }

                using (var again = new HttpRequestMessage(HttpMethod.Post, "api/v1/video/seedance2") { Content = new StringContent("{\"prompt\":\"A wolf\"}", System.Text.Encoding.UTF8, "application/json") })
                {
                    again.Headers.TryAddWithoutValidation("Authorization", "Bearer sk_test_cli");
                    again.Headers.TryAddWithoutValidation("Idempotency-Key", "cli-2");
                    using var poor = await http.SendAsync(again);
                    Assert.Equal(HttpStatusCode.PaymentRequired, poor.StatusCode);
                }

                process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await process.WaitForExitAsync(timeout.Token);
                Assert.Equal(0, process.ExitCode);
            }
            finally
            {
                KillIfRunning(process);
            }
        }

        [Fact]
        public async Task Program_stops_on_sigterm()
        {
            using var process = StartProgram("--port", "0");
            try
            {
                Assert.StartsWith("Seedance sandbox listening on ", await process.StandardOutput.ReadLineAsync(), StringComparison.Ordinal);

                using (var kill = Process.Start("kill", new[] { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
                {
                    await kill.WaitForExitAsync();
                }

                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await process.WaitForExitAsync(timeout.Token);
                Assert.Equal(0, process.ExitCode);
            }
            finally
            {
                KillIfRunning(process);
            }
        }

        [Fact]
        public async Task Program_refuses_an_unknown_switch()
        {
            using var process = StartProgram("--colour", "blue");
            try
            {
                var error = await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();

                Assert.Equal(2, process.ExitCode);
                Assert.Contains("--colour", error, StringComparison.Ordinal);
            }
            finally
            {
                KillIfRunning(process);
            }
        }

        private static Process StartProgram(params string[] arguments)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Seedance.Sandbox.dll"));
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            return Process.Start(info)!;
        }

        private static void KillIfRunning(Process process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
