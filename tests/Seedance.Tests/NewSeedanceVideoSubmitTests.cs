using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>New-SeedanceVideo against a sandbox: one task per input, faults retried without paying twice, errors the PowerShell way.</summary>
    public sealed class NewSeedanceVideoSubmitTests
    {
        private const string SubmitPath = "/api/v1/video/seedance2";

        private static List<SandboxRequest> Posts(SandboxHost sandbox) =>
            sandbox.RequestLog.Where(r => r.Method == "POST" && r.Path == SubmitPath).ToList();

        private static Dictionary<string, object?> Variables(SandboxHost sandbox, string key = SeedanceSessions.TestKey)
        {
            var variables = SeedanceSessions.KeyVariable(key);
            variables["Sandbox"] = sandbox;
            return variables;
        }

        private static void AssertKeyNeverShown(ScriptResult result, string key = SeedanceSessions.TestKey) =>
            Assert.DoesNotContain(result.AllText(), text => text.Contains(key, StringComparison.Ordinal));

        [Fact]
        public async Task Each_piped_prompt_emits_its_task_as_soon_as_the_API_accepts_it()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            using var session = SeedanceSessions.Open(sandbox);

            var result = session.Run(
                "'a fox in snow', 'a fox in rain', 'a fox at dawn' | New-SeedanceVideo -ApiKey $Key | ForEach-Object { $_; $Sandbox.RequestLog.Count }",
                Variables(sandbox)).ShouldSucceed();

            var tasks = result.Output.Where((_, i) => i % 2 == 0).ToList();
            Assert.Equal(new object[] { 1, 2, 3 }, result.Output.Where((_, i) => i % 2 == 1).Select(o => o.BaseObject));
            Assert.All(tasks, t => Assert.Equal("Seedance.SeedanceTask", t.TypeNames[0]));
            Assert.Equal(new[] { "a fox in snow", "a fox in rain", "a fox at dawn" }, tasks.Select(t => (string)t.Properties["Prompt"].Value));
            Assert.All(tasks, t => Assert.Equal("processing", t.Properties["Status"].Value));
            var charges = sandbox.Account(SeedanceSessions.TestKey).Charges;
            Assert.Equal(tasks.Select(t => (string)t.Properties["Id"].Value), charges.Select(c => c.TaskId));
            Assert.Equal(tasks.Select(t => (string)t.Properties["IdempotencyKey"].Value), Posts(sandbox).Select(p => p.IdempotencyKey));
        }

        [Fact]
        public async Task A_fresh_task_shows_what_was_asked_for_as_the_API_spells_it_with_the_API_defaults()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            using var session = SeedanceSessions.Open(sandbox);

            var result = session.Run("New-SeedanceVideo 'a fox in snow' -ApiKey $Key; New-SeedanceVideo 'a fox in rain' -QualityTier PRO -Resolution 4K -ApiKey $Key", Variables(sandbox)).ShouldSucceed();

            Assert.Equal(("720p", 5), ((string)result.Output[0].Properties["Resolution"].Value, (int)result.Output[0].Properties["Duration"].Value));
            Assert.Equal(("pro", "4k", 5), ((string)result.Output[1].Properties["QualityTier"].Value, (string)result.Output[1].Properties["Resolution"].Value, (int)result.Output[1].Properties["Duration"].Value));
        }

        [Fact]
        public async Task Confirm_answered_no_sends_nothing()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            var host = new RecordingHost(confirmChoice: 2);
            using var session = SeedanceSessions.Open(sandbox, host: host);

            var result = session.Run("New-SeedanceVideo 'a fox in snow' -Confirm -ApiKey $Key", Variables(sandbox)).ShouldSucceed();

            Assert.Empty(result.Output);
            Assert.Contains(host.Lines, l => l.Contains("It spends credits. Body: {\"prompt\":\"a fox in snow\"}", StringComparison.Ordinal));
            Assert.Empty(sandbox.RequestLog);
        }

        [Fact]
        public async Task WhatIf_sends_nothing_even_with_a_key()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            var host = new RecordingHost();
            using var session = SeedanceSessions.Open(sandbox, host: host);

            var result = session.Run("'a fox in snow', 'a fox in rain' | New-SeedanceVideo -WhatIf -ApiKey $Key", Variables(sandbox)).ShouldSucceed();

            Assert.Empty(result.Output);
            Assert.Equal(2, host.Lines.Count(l => l.StartsWith($"What if: Submit a Seedance video job to {sandbox.BaseUri} with Idempotency-Key sdps-", StringComparison.Ordinal)));
            Assert.Empty(sandbox.RequestLog);
        }

        [Fact]
        public async Task Verbose_shows_the_request_and_Debug_shows_the_body_with_Authorization_redacted()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            using var session = SeedanceSessions.Open(sandbox);

            var result = session.Run("New-SeedanceVideo 'a fox in snow' -Duration 6 -ApiKey $Key -Verbose -Debug", Variables(sandbox)).ShouldSucceed();

            Assert.Single(result.Output);
            Assert.Contains(result.Verbose, v => v.Message.EndsWith("body: {\"prompt\":\"a fox in snow\",\"duration\":\"6\"}", StringComparison.Ordinal));
            Assert.Contains(result.Verbose, v => v.Message.Contains("POST " + SubmitPath + " -> 202", StringComparison.Ordinal));
            Assert.Contains(result.Debug, d => d.Message.Contains("{\"prompt\":\"a fox in snow\",\"duration\":\"6\"}", StringComparison.Ordinal));
            Assert.Contains(result.Debug, d => d.Message.Contains("Bearer [redacted]", StringComparison.Ordinal));
            AssertKeyNeverShown(result);
        }

        public static TheoryData<SandboxFaultKind, int, int?, int> RetriedFaults => new()
        {
            { SandboxFaultKind.ServiceBusy503, 3, null, 4 },
            { SandboxFaultKind.RateLimited429, 1, 2, 2 },
            { SandboxFaultKind.InternalErrorAfterCreate500, 1, null, 2 },
            { SandboxFaultKind.DropConnectionAfterCreate, 1, null, 2 },
        };

        [Theory]
        [MemberData(nameof(RetriedFaults))]
        public async Task Retried_fault_gives_one_task_one_charge_and_the_same_key_and_body_on_every_attempt(SandboxFaultKind fault, int count, int? retryAfterSeconds, int attempts)
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            sandbox.Faults.Enqueue(fault, count, retryAfterSeconds: retryAfterSeconds);
            using var session = SeedanceSessions.Open(sandbox);

            var result = session.Run("New-SeedanceVideo 'a fox in snow' -QualityTier pro -Resolution 4k -ApiKey $Key -Verbose", Variables(sandbox)).ShouldSucceed();

            var task = Assert.Single(result.Output);
            var charge = Assert.Single(sandbox.Account(SeedanceSessions.TestKey).Charges);
            Assert.Equal(charge.TaskId, task.Properties["Id"].Value);
            var posts = Posts(sandbox);
            Assert.Equal(attempts, posts.Count);
            Assert.Single(posts.Select(p => p.IdempotencyKey).Distinct());
            Assert.Single(posts.Select(p => p.BodySha256).Distinct());
            Assert.Equal(charge.IdempotencyKey, posts[0].IdempotencyKey);
            if (retryAfterSeconds is { } wait)
            {
                Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromSeconds(wait - 0.1), $"retried after {posts[1].At - posts[0].At}");
            }

            AssertKeyNeverShown(result);
        }

        [Fact]
        public async Task Submit_still_in_flight_is_retried_after_409_and_charged_once()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            sandbox.Faults.Enqueue(SandboxFaultKind.Slow, delay: TimeSpan.FromSeconds(2));
            using var session = SeedanceSessions.Open(sandbox, "-AttemptTimeoutSeconds 0.5");

            var result = session.Run("New-SeedanceVideo 'a fox in snow' -ApiKey $Key", Variables(sandbox)).ShouldSucceed();

            var task = Assert.Single(result.Output);
            var charge = Assert.Single(sandbox.Account(SeedanceSessions.TestKey).Charges);
            Assert.Equal(charge.TaskId, task.Properties["Id"].Value);
            var posts = Posts(sandbox);
            Assert.Contains(posts, p => p.Status == 409);
            Assert.Equal(202, posts[^1].Status);
            Assert.Single(posts.Select(p => p.IdempotencyKey).Distinct());
            Assert.Single(posts.Select(p => p.BodySha256).Distinct());
        }

        [Theory]
        [InlineData("unauthorized", "sk_test_not_an_account", ErrorCategory.AuthenticationError)]
        [InlineData("insufficient_credits", "sk_test_poor", ErrorCategory.QuotaExceeded)]
        public async Task Client_error_is_not_retried_and_becomes_a_non_terminating_error(string code, string key, ErrorCategory category)
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            sandbox.AddAccount("sk_test_poor", 1);
            using var session = SeedanceSessions.Open(sandbox);

            var result = session.Run("'a fox in snow' | New-SeedanceVideo -ApiKey $Key; 'next statement'", Variables(sandbox, key));

            Assert.Null(result.Terminating);
            Assert.Equal("next statement", Assert.Single(result.Output).ToString());
            var error = Assert.Single(result.Errors);
            Assert.Equal($"Seedance.{code},Seedance.Commands.NewSeedanceVideoCommand", error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.Equal("Seedance.Client.Requests.VideoRequest", error.TargetObject?.GetType().FullName);
            Assert.Equal("a fox in snow", PSObject.AsPSObject(error.TargetObject).Properties["Prompt"].Value);
            Assert.Single(Posts(sandbox));
            AssertKeyNeverShown(result, key);
        }

        [Fact]
        public async Task Bad_request_from_the_api_is_not_retried_and_becomes_an_InvalidArgument_error()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            sandbox.Faults.Enqueue(SandboxFaultKind.InvalidRequest400);
            using var session = SeedanceSessions.Open(sandbox);

            var result = session.Run("'a fox in snow' | New-SeedanceVideo -ApiKey $Key; 'next statement'", Variables(sandbox));

            Assert.Equal("next statement", Assert.Single(result.Output).ToString());
            var error = Assert.Single(result.Errors);
            Assert.Equal("Seedance.invalid_request,Seedance.Commands.NewSeedanceVideoCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Single(Posts(sandbox));
            Assert.Empty(sandbox.Account(SeedanceSessions.TestKey).Charges);
            AssertKeyNeverShown(result, SeedanceSessions.TestKey);
        }

        [Fact]
        public async Task Same_idempotency_key_with_another_body_is_a_409_conflict_that_is_not_retried()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            using var session = SeedanceSessions.Open(sandbox);

            var result = session.Run(
                "New-SeedanceVideo 'a fox in snow' -IdempotencyKey job-1 -ApiKey $Key; New-SeedanceVideo 'a fox in snow' -IdempotencyKey job-1 -ApiKey $Key; New-SeedanceVideo 'a fox in rain' -IdempotencyKey job-1 -ApiKey $Key",
                Variables(sandbox));

            Assert.Equal(2, result.Output.Count);
            Assert.Equal(result.Output[0].Properties["Id"].Value, result.Output[1].Properties["Id"].Value);
            var error = Assert.Single(result.Errors);
            Assert.Equal("Seedance.idempotency_conflict,Seedance.Commands.NewSeedanceVideoCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
            Assert.Equal(3, Posts(sandbox).Count);
            Assert.Single(sandbox.Account(SeedanceSessions.TestKey).Charges);
        }

        [Fact]
        public async Task Ctrl_C_during_a_slow_submit_returns_at_once()
        {
            var slow = TimeSpan.FromSeconds(30);
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            sandbox.Faults.Enqueue(SandboxFaultKind.Slow, delay: slow);
            using var session = SeedanceSessions.Open(sandbox);
            var started = System.Diagnostics.Stopwatch.StartNew();

            // The ShouldProcess line is written to -Verbose just before the request leaves: press Ctrl+C then.
            var result = await session.RunAsync(
                "'a fox in snow', 'a fox in rain' | New-SeedanceVideo -ApiKey $Key -Verbose",
                Variables(sandbox),
                shell =>
                {
                    void StopOnce() => shell.BeginStop(null, null);
                    shell.Streams.Verbose.DataAdded += (_, _) => StopOnce();
                    if (shell.Streams.Verbose.Count > 0)
                    {
                        StopOnce();
                    }
                });

            Assert.IsAssignableFrom<PipelineStoppedException>(result.Terminating);
            Assert.Empty(result.Output);
            Assert.True(started.Elapsed < slow / 2, $"stopping took {started.Elapsed}");
        }

        [Fact]
        public async Task Forty_csv_rows_within_a_30_per_window_limit_are_all_accepted_without_a_single_429()
        {
            var window = TimeSpan.FromSeconds(2);
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { RateLimitRequests = 30, RateLimitWindow = window });
            using var session = SeedanceSessions.Open(sandbox, "-RateLimit 30 -RateLimitWindowSeconds 2");

            var result = session.Run(
                """
                $rows = 1..40 | ForEach-Object {
                    if ($_ % 2) {
                        [pscustomobject]@{ prompt = "row $_ a fox in snow"; quality_tier = 'standard'; aspect_ratio = '9:16'; duration = '5'; resolution = ''; media_urls = ''; generate_audio = 'false'; fixed_lens = 'true'; seed = "$_"; idempotency_key = "csv-$_" }
                    } else {
                        [pscustomobject]@{ Prompt = "row $_ a fox in rain"; QualityTier = 'pro'; AspectRatio = '16:9'; Duration = '10'; Resolution = '1080p-plus'; ImageUrl = "https://cdn.example.com/$_.png"; NoAudio = ''; FixedLens = 'false'; Seed = ''; IdempotencyKey = "csv-$_" }
                    }
                }
                $rows | New-SeedanceVideo -ApiKey $Key
                """,
                Variables(sandbox)).ShouldSucceed();

            Assert.Equal(40, result.Output.Count);
            Assert.Equal(Enumerable.Range(1, 40).Select(i => $"csv-{i}"), result.Output.Select(t => (string)t.Properties["IdempotencyKey"].Value));
            var posts = Posts(sandbox);
            Assert.Equal(40, posts.Count);
            Assert.All(posts, p => Assert.Equal(202, p.Status));
            Assert.DoesNotContain(sandbox.RequestLog, r => r.Status == 429);
            Assert.Equal(40, sandbox.Account(SeedanceSessions.TestKey).Charges.Count);
            Assert.True(posts[30].At - posts[0].At >= window - TimeSpan.FromMilliseconds(100), $"the 31st request left {posts[30].At - posts[0].At} after the first");
        }
    }
}
