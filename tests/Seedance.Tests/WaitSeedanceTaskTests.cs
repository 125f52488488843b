using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>Wait-SeedanceTask in the real engine against a time-scaled sandbox (renders of 0.3–1 s, 30 requests per 2 s).</summary>
    public sealed class WaitSeedanceTaskTests : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("seedance-wait-").FullName;

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        internal static SandboxOptions ScaledOptions(TimeSpan? processing = null) => new()
        {
            ProcessingTime = processing ?? TimeSpan.FromMilliseconds(500),
            ProcessingTimeSelector = processing is null ? SandboxOptions.ProcessingTimeByPrompt(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(700)) : null,
            RateLimitRequests = 30,
            RateLimitWindow = TimeSpan.FromSeconds(2),
        };

        internal static Dictionary<string, object?> Variables(SandboxHost sandbox, string folder)
        {
            var variables = SeedanceSessions.KeyVariable(sandbox.Options.ApiKey);
            variables["Uri"] = sandbox.BaseUri;
            variables["Dir"] = folder;
            return variables;
        }

        internal const string Configure = "Set-SeedanceConfiguration -BaseUri $Uri -RateLimit 30 -RateLimitWindowSeconds 2\n";

        [Fact]
        public async Task Twenty_prompts_are_submitted_waited_and_saved_with_bytes_matching_the_sandbox_and_no_429()
        {
            await using var sandbox = await SandboxHost.StartAsync(ScaledOptions());
            using var session = new PowerShellSession();

            var result = session.Run(
                Configure + "1..20 | ForEach-Object { \"prompt number $_\" } | New-SeedanceVideo -ApiKey $Key | Wait-SeedanceTask -ApiKey $Key | Save-SeedanceVideo -Path $Dir -ApiKey $Key",
                Variables(sandbox, _folder)).ShouldSucceed();

            var files = result.Output.Select(o => Assert.IsType<FileInfo>(o.BaseObject)).ToList();
            Assert.Equal(20, files.Count);
            Assert.All(files, f => Assert.Equal(sandbox.ResultBytes(Path.GetFileNameWithoutExtension(f.Name)), File.ReadAllBytes(f.FullName)));
            Assert.Equal(20, Directory.GetFiles(_folder).Length);
            Assert.DoesNotContain(sandbox.RequestLog, r => r.Status == 429);
            Assert.Equal(20, sandbox.RequestLog.Count(r => r.Method == "POST"));
        }

        [Fact]
        public async Task Failed_tasks_are_TaskFailed_errors_carrying_the_task_and_the_others_are_saved()
        {
            await using var sandbox = await SandboxHost.StartAsync(ScaledOptions());
            using var session = new PowerShellSession();

            var result = session.Run(
                Configure + "1..20 | ForEach-Object { if ($_ % 6 -eq 0) { \"prompt $_ [fail]\" } else { \"prompt $_\" } } | New-SeedanceVideo -ApiKey $Key | Wait-SeedanceTask -ApiKey $Key | Save-SeedanceVideo -Path $Dir -ApiKey $Key",
                Variables(sandbox, _folder));

            Assert.Null(result.Terminating);
            Assert.Equal(17, result.Output.Count);
            Assert.Equal(17, Directory.GetFiles(_folder).Length);
            Assert.Equal(3, result.Errors.Count);
            Assert.All(result.Errors, e =>
            {
                Assert.Equal("Seedance.TaskFailed,Seedance.Commands.WaitSeedanceTaskCommand", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidResult, e.CategoryInfo.Category);
                Assert.Equal("failed", Property(e.TargetObject, "Status"));
                Assert.Contains("credits were refunded", e.Exception.Message, StringComparison.Ordinal);
            });
            Assert.DoesNotContain(sandbox.RequestLog, r => r.Status == 429);
        }

        [Fact]
        public async Task Timeout_gives_one_OperationTimeout_error_per_unfinished_task_with_its_last_state()
        {
            await using var sandbox = await SandboxHost.StartAsync(ScaledOptions(TimeSpan.FromHours(1)));
            using var session = new PowerShellSession();
            var stopwatch = Stopwatch.StartNew();

            var result = session.Run(Configure + "'one slow', 'two slow' | New-SeedanceVideo -ApiKey $Key | Wait-SeedanceTask -Timeout 2 -ApiKey $Key", Variables(sandbox, _folder));

            Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(2));
            Assert.Empty(result.Output);
            Assert.Equal(2, result.Errors.Count);
            Assert.All(result.Errors, e =>
            {
                Assert.Equal(ErrorCategory.OperationTimeout, e.CategoryInfo.Category);
                Assert.StartsWith("Seedance.WaitTimeout", e.FullyQualifiedErrorId, StringComparison.Ordinal);
                Assert.Equal("processing", Property(e.TargetObject, "Status"));
            });
            AssertProgressCleared(result);
        }

        [Fact]
        public async Task Ctrl_C_returns_promptly_and_the_task_goes_on()
        {
            await using var sandbox = await SandboxHost.StartAsync(ScaledOptions(TimeSpan.FromHours(1)));
            using var session = new PowerShellSession();
            var stopped = Stopwatch.StartNew();

            var result = await session.RunAsync(
                Configure + "'a long one' | New-SeedanceVideo -ApiKey $Key | Wait-SeedanceTask -ApiKey $Key",
                Variables(sandbox, _folder),
                shell => shell.Streams.Progress.DataAdded += (_, _) =>
                {
                    stopped.Restart();
                    shell.BeginStop(null, null);
                });

            Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {stopped.Elapsed} (the task takes an hour)");
            Assert.Empty(result.Output);
            Assert.Empty(result.Errors);
            var submitted = sandbox.RequestLog.Single(r => r.Method == "POST");
            Assert.Equal(202, submitted.Status);
        }

        [Fact]
        public async Task Ids_bind_as_strings_and_by_Id_or_task_id_property_and_are_emitted_completed()
        {
            await using var sandbox = await SandboxHost.StartAsync(ScaledOptions());
            using var session = new PowerShellSession();

            var result = session.Run(
                Configure + """
                $tasks = 'first clip', 'second clip', 'third clip' | New-SeedanceVideo -ApiKey $Key
                $tasks[0].Id, [pscustomobject]@{ task_id = $tasks[1].Id }, [pscustomobject]@{ Id = $tasks[2].Id } | Wait-SeedanceTask -ApiKey $Key
                """,
                Variables(sandbox, _folder)).ShouldSucceed();

            Assert.Equal(3, result.Output.Count);
            Assert.All(result.Output, t => Assert.Equal("completed", Property(t, "Status")));
            Assert.Equal(3, result.Output.Select(t => Property(t, "Id")).Distinct().Count());
            AssertProgressCleared(result);
        }

        [Fact]
        public async Task New_SeedanceVideo_Wait_OutFile_is_the_one_liner()
        {
            await using var sandbox = await SandboxHost.StartAsync(ScaledOptions());
            using var session = new PowerShellSession();
            var file = Path.Combine(_folder, "clip.mp4");
            var variables = Variables(sandbox, _folder);
            variables["File"] = file;

            var result = session.Run(Configure + "New-SeedanceVideo -Prompt 'a red fox in snow' -Wait -OutFile $File -ApiKey $Key", variables).ShouldSucceed();

            var saved = Assert.IsType<FileInfo>(Assert.Single(result.Output).BaseObject);
            Assert.Equal(file, saved.FullName);
            var id = sandbox.RequestLog.First(r => r.Method == "GET" && r.Path.StartsWith("/api/v1/tasks/", StringComparison.Ordinal)).Path["/api/v1/tasks/".Length..];
            Assert.Equal(sandbox.ResultBytes(id), File.ReadAllBytes(file));
        }

        [Fact]
        public async Task New_SeedanceVideo_Wait_emits_completed_tasks()
        {
            await using var sandbox = await SandboxHost.StartAsync(ScaledOptions());
            using var session = new PowerShellSession();

            var result = session.Run(Configure + "'one clip', 'two clip' | New-SeedanceVideo -Wait -ApiKey $Key", Variables(sandbox, _folder)).ShouldSucceed();

            Assert.Equal(2, result.Output.Count);
            Assert.All(result.Output, o => Assert.Equal("completed", Property(o, "Status")));
        }

        [Fact]
        public async Task Timeout_warns_with_the_pending_ids_and_the_command_that_picks_them_up_again()
        {
            await using var sandbox = await SandboxHost.StartAsync(ScaledOptions());
            using var session = new PowerShellSession();

            var result = session.Run(
                Configure + "$tasks = 'one slow [takes:3600]', 'a quick one [takes:0.2]', 'two slow [takes:3600]' | New-SeedanceVideo -ApiKey $Key; $tasks | Wait-SeedanceTask -Timeout 2 -ApiKey $Key; $tasks.Id",
                Variables(sandbox, _folder));

            var ids = result.Output.Where(o => o.BaseObject is string).Select(o => (string)o.BaseObject).ToArray();
            var warning = OneLine(Assert.Single(result.Warnings).Message);
            Assert.Contains($"Get-SeedanceTask -Id '{ids[0]}', '{ids[2]}' | Wait-SeedanceTask", warning, StringComparison.Ordinal);
            Assert.DoesNotContain(ids[1], warning, StringComparison.Ordinal);
            Assert.StartsWith("2 tasks did not finish within 2 s", warning, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Timeout_of_New_SeedanceVideo_OutFile_names_Save_SeedanceVideo_with_the_file()
        {
            await using var sandbox = await SandboxHost.StartAsync(ScaledOptions());
            using var session = new PowerShellSession();
            var variables = Variables(sandbox, _folder);
            variables["File"] = Path.Combine(_folder, "fox's clip.mp4");

            var result = session.Run(Configure + "New-SeedanceVideo 'a slow fox [takes:3600]' -OutFile $File -Timeout 1 -ApiKey $Key", variables);

            var id = sandbox.RequestLog.First(r => r.Method == "GET").Path["/api/v1/tasks/".Length..];
            var warning = OneLine(Assert.Single(result.Warnings).Message);
            Assert.EndsWith($"Get-SeedanceTask -Id '{id}' | Wait-SeedanceTask | Save-SeedanceVideo -Path '{Path.Combine(_folder, "fox''s clip.mp4")}'", warning, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Ctrl_C_warns_on_the_host_with_the_pending_ids_and_the_command()
        {
            await using var sandbox = await SandboxHost.StartAsync(ScaledOptions(TimeSpan.FromHours(1)));
            var host = new RecordingHost(width: 300);
            using var session = new PowerShellSession(host);

            var result = await session.RunAsync(
                Configure + "'a long one', 'another long one' | New-SeedanceVideo -ApiKey $Key -Wait -OutputPath $Dir",
                Variables(sandbox, _folder),
                shell => shell.Streams.Progress.DataAdded += (_, _) => shell.BeginStop(null, null));

            Assert.Empty(result.Output);
            var ids = sandbox.RequestLog.Where(r => r.Method == "GET").Select(r => r.Path["/api/v1/tasks/".Length..]).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
            Assert.Single(host.Lines, line => line.StartsWith("WARNING: ", StringComparison.Ordinal));
            var warning = OneLine(string.Join("\n", host.Lines.SkipWhile(line => !line.StartsWith("WARNING: ", StringComparison.Ordinal))));
            Assert.Contains("Stopped waiting for 2 tasks", warning, StringComparison.Ordinal);
            Assert.Contains("| Wait-SeedanceTask | Save-SeedanceVideo -Path '" + _folder + "'", warning, StringComparison.Ordinal);
            Assert.All(sandbox.Account(SeedanceSessions.TestKey).Charges, charge => Assert.Contains($"'{charge.TaskId}'", warning, StringComparison.Ordinal));
        }

        [Fact]
        public async Task Verbose_shows_each_id_as_submitted()
        {
            await using var sandbox = await SandboxHost.StartAsync(ScaledOptions());
            using var session = new PowerShellSession();

            var result = session.Run(Configure + "'a red fox trots', 'a grey owl blinks' | New-SeedanceVideo -Wait -ApiKey $Key -Verbose", Variables(sandbox, _folder)).ShouldSucceed();

            Assert.All(sandbox.Account(SeedanceSessions.TestKey).Charges, charge =>
                Assert.Contains(result.Verbose, v => v.Message.StartsWith($"Submitted task {charge.TaskId}", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task Progress_shows_the_share_done_the_tasks_in_flight_and_an_expected_finish()
        {
            await using var sandbox = await SandboxHost.StartAsync(ScaledOptions());
            using var session = new PowerShellSession();

            // The first wait teaches the render times; the second shows them.
            var result = session.Run(
                Configure + """
                $null = 'a first lesson', 'a second lesson' | New-SeedanceVideo -ApiKey $Key | Wait-SeedanceTask -ApiKey $Key
                'a quick fox [takes:0.3]', 'a slow owl in the snow [takes:3]', 'another slow owl [takes:3]', 'a third slow owl [takes:3]' | New-SeedanceVideo -ApiKey $Key | Wait-SeedanceTask -ApiKey $Key
                """,
                Variables(sandbox, _folder)).ShouldSucceed();

            Assert.Equal(4, result.Output.Count);
            var quarter = result.Progress.Where(p => p.ActivityId == 1 && p.RecordType == ProgressRecordType.Processing && p.StatusDescription.StartsWith("1 of 4 done (25%)", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(quarter);
            Assert.All(quarter, p => Assert.Equal(25, p.PercentComplete));
            Assert.Contains(quarter, p => System.Text.RegularExpressions.Regex.IsMatch(p.StatusDescription, @"^1 of 4 done \(25%\); (about \d+ s left|done any moment now); rendering sd2_\w+ 'a slow owl in the snow"));
        }

        internal static string? Property(object target, string name) => PSObject.AsPSObject(target).Properties[name]?.Value?.ToString();

        internal static void AssertProgressCleared(ScriptResult result)
        {
            var waiting = result.Progress.Where(p => p.ActivityId == 1).ToList();
            Assert.NotEmpty(waiting);
            Assert.Equal(ProgressRecordType.Completed, waiting[^1].RecordType);
        }

        // The warning breaks its command into lines that fit an 80-column console; these tests read it as one line.
        private static string OneLine(string text) => Regex.Replace(text, @"\s+", " ");
    }
}
