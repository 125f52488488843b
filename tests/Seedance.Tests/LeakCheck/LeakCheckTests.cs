using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests.LeakCheck
{
    /// <summary>
    /// The key never leaks: each scenario of <see cref="LeakScenarios"/> runs with a known key, then the key is looked for
    /// in every stream, every exception, everything the host printed, and every file under the scenario's folder.
    /// </summary>
    [Collection("Environment")]
    public sealed class LeakCheckTests
    {
        private const string Key = "sk_test_LEAKCHECK_5f0c2a9e7d1b4c63";

        [Fact]
        public void Leak_check_has_a_scenario_for_every_key_source_and_for_retries_whatif_and_errors()
        {
            Assert.Equal(Enum.GetValues<LeakKeySource>().Length, LeakScenarios.All.Select(s => s.KeySource).Distinct().Count());
            Assert.Equal(LeakScenarios.All.Count, LeakScenarios.All.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
            Assert.Contains(LeakScenarios.All, s => s.Script.Contains("-WhatIf", StringComparison.Ordinal));
            Assert.Contains(LeakScenarios.All, s => s.Name.StartsWith("retries", StringComparison.Ordinal));
            Assert.True(LeakScenarios.All.Count(s => s.Name.StartsWith("error-", StringComparison.Ordinal)) >= 7);
        }

        [Fact]
        public void Leak_check_finds_a_key_that_does_leak()
        {
            var folder = Directory.CreateTempSubdirectory("seedance-leak-").FullName;
            try
            {
                File.WriteAllText(Path.Combine(folder, "leaky.txt"), "Authorization: Bearer " + Key, new UnicodeEncoding());

                Assert.NotEmpty(FilesHoldingKey(folder));
                Assert.NotEmpty(Leaks(new[] { "Bearer " + Key }));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Theory]
        [MemberData(nameof(LeakScenarios.Names), MemberType = typeof(LeakScenarios))]
        public async Task Key_appears_in_no_stream_exception_host_output_or_file(string name)
        {
            var scenario = LeakScenarios.All.Single(s => s.Name == name);
            var options = new SandboxOptions { ApiKey = Key, ProcessingTime = TimeSpan.FromMilliseconds(200), RateLimitRequests = 1000, RateLimitWindow = TimeSpan.FromSeconds(1) };
            scenario.ConfigureSandbox?.Invoke(options);
            await using var sandbox = await SandboxHost.StartAsync(options);
            scenario.Arrange?.Invoke(sandbox);
            var folder = Directory.CreateTempSubdirectory("seedance-leak-").FullName;
            using var environment = new EnvironmentVariableScope("SEEDANCE_API_KEY", scenario.KeySource == LeakKeySource.Environment ? Key : null);
            var host = new RecordingHost();
            try
            {
                using var session = new PowerShellSession(host);
                TestVault.ImportEmpty(session);
                var variables = new Dictionary<string, object?> { ["Key"] = SeedanceSessions.Secure(Key), ["TestFolder"] = folder, ["Uri"] = sandbox.BaseUri };
                var setup = "Set-SeedanceConfiguration -BaseUri $Uri -RetryBudgetSeconds 30 -JournalPath \"$TestFolder/journal.jsonl\"; " + scenario.KeySource switch
                {
                    LeakKeySource.Session => "Set-SeedanceApiKey -ApiKey $Key -SessionOnly",
                    LeakKeySource.Vault => "Set-SeedanceApiKey -ApiKey $Key",
                    _ => string.Empty,
                };
                var arranged = session.Run(setup, variables);
                var result = await session.RunAsync("$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; " + scenario.Script + "; $Error", variables)
                    .WaitAsync(TimeSpan.FromMinutes(2));

                var text = arranged.AllText().Concat(result.AllText()).Concat(host.Lines).Concat(result.Output.Select(Describe)).ToList();
                Assert.True(text.Count > 0, "The scenario let nothing out, so it proves nothing.");
                if (scenario.ExpectedErrorId is { } expected)
                {
                    Assert.Contains(result.Errors, error => error.FullyQualifiedErrorId.StartsWith(expected + ",", StringComparison.Ordinal));
                }
                else
                {
                    Assert.Empty(result.Errors);
                }

                Assert.Empty(Leaks(text));
                Assert.Empty(FilesHoldingKey(folder));
                Assert.True(!scenario.WritesFiles || Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any(), "The scenario should have written files to scan.");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        /// <summary>The key whole, or a large enough piece of it to identify it (its distinctive tail).</summary>
        private static List<string> Leaks(IEnumerable<string> texts) =>
            texts.Where(text => text.Contains(Key, StringComparison.Ordinal) || text.Contains(Key[^16..], StringComparison.Ordinal)).ToList();

        private static List<string> FilesHoldingKey(string folder)
        {
            var patterns = new[] { Encoding.UTF8.GetBytes(Key), Encoding.Unicode.GetBytes(Key), Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(Key))) };
            return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(path => patterns.Any(pattern => File.ReadAllBytes(path).AsSpan().IndexOf(pattern) >= 0))
                .ToList();
        }

        /// <summary>Every property of an output object (an ErrorRecord from $Error, a task, a configuration), one level deep.</summary>
        private static string Describe(System.Management.Automation.PSObject? item) =>
            item is null ? string.Empty : string.Join(" ", item.Properties.Select(p =>
            {
                try
                {
                    return $"{p.Name}={p.Value}";
                }
                catch (System.Management.Automation.GetValueException)
                {
                    return p.Name;
                }
            }));
    }
}
