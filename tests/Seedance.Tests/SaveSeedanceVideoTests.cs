using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>Save-SeedanceVideo in the real engine against the sandbox: resume, refresh, stop, skip.</summary>
    public sealed class SaveSeedanceVideoTests : IDisposable
    {
        private const string CompletedTask = "$task = New-SeedanceVideo -Prompt 'a lighthouse at dusk' -ApiKey $Key | Wait-SeedanceTask -ApiKey $Key\n";
        private readonly string _folder = Directory.CreateTempSubdirectory("seedance-save-").FullName;

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact]
        public async Task Download_cut_at_40_percent_resumes_with_Range_and_the_hash_matches()
        {
            var options = WaitSeedanceTaskTests.ScaledOptions();
            options.VideoSize = 4 * 1024 * 1024;
            await using var sandbox = await SandboxHost.StartAsync(options);
            using var session = new PowerShellSession();
            var variables = WaitSeedanceTaskTests.Variables(sandbox, _folder);
            var id = WaitSeedanceTaskTests.Property(session.Run(WaitSeedanceTaskTests.Configure + CompletedTask + "$task", variables).ShouldSucceed().Output.Single(), "Id")!;
            sandbox.Faults.Enqueue(SandboxFaultKind.CutDownload, afterBytes: options.VideoSize * 4 / 10);

            var result = session.Run("$task | Save-SeedanceVideo -Path $Dir -ApiKey $Key").ShouldSucceed();

            var file = Assert.IsType<FileInfo>(Assert.Single(result.Output).BaseObject);
            Assert.Equal(SHA256.HashData(sandbox.ResultBytes(id)), SHA256.HashData(File.ReadAllBytes(file.FullName)));
            var downloads = sandbox.RequestLog.Where(r => r.Path.StartsWith("/results/", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, downloads.Count);
            Assert.Equal(206, downloads[1].Status);
            Assert.Single(Directory.GetFiles(_folder));
        }

        [Fact]
        public async Task Expired_result_url_is_refreshed_by_reading_the_task_again()
        {
            // The sandbox's clock is the test's: tasks finish at once, and the URL's hour passes when the test says.
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
            var options = WaitSeedanceTaskTests.ScaledOptions(TimeSpan.Zero);
            options.Time = time;
            await using var sandbox = await SandboxHost.StartAsync(options);
            using var session = new PowerShellSession();
            var variables = WaitSeedanceTaskTests.Variables(sandbox, _folder);
            var id = WaitSeedanceTaskTests.Property(session.Run(WaitSeedanceTaskTests.Configure + CompletedTask + "$task", variables).ShouldSucceed().Output.Single(), "Id")!;
            time.Advance(options.ResultUrlLifetime);

            var result = session.Run("$task | Save-SeedanceVideo -Path $Dir -ApiKey $Key").ShouldSucceed();

            var file = Assert.IsType<FileInfo>(Assert.Single(result.Output).BaseObject);
            Assert.Equal(sandbox.ResultBytes(id), File.ReadAllBytes(file.FullName));
            var downloads = sandbox.RequestLog.Where(r => r.Path.StartsWith("/results/", StringComparison.Ordinal)).ToList();
            Assert.Equal(403, downloads[0].Status);
            Assert.Equal(200, downloads[^1].Status);
        }

        [Fact]
        public async Task Stopping_the_pipeline_mid_download_leaves_no_file_under_the_final_name()
        {
            var options = WaitSeedanceTaskTests.ScaledOptions();
            options.VideoSize = 1024L * 1024 * 1024;
            await using var sandbox = await SandboxHost.StartAsync(options);
            using var session = new PowerShellSession();
            var variables = WaitSeedanceTaskTests.Variables(sandbox, _folder);
            var id = WaitSeedanceTaskTests.Property(session.Run(WaitSeedanceTaskTests.Configure + CompletedTask + "$task", variables).ShouldSucceed().Output.Single(), "Id")!;

            var result = await session.RunAsync(
                "$task | Save-SeedanceVideo -Path $Dir -ApiKey $Key",
                null,
                shell => shell.Streams.Progress.DataAdded += (_, _) => shell.BeginStop(null, null));

            Assert.Empty(result.Output);
            Assert.False(File.Exists(Path.Combine(_folder, id + ".mp4")));
        }

        [Fact]
        public async Task Existing_complete_file_is_skipped_after_a_one_byte_probe_unless_Force()
        {
            await using var sandbox = await SandboxHost.StartAsync(WaitSeedanceTaskTests.ScaledOptions());
            using var session = new PowerShellSession();
            var variables = WaitSeedanceTaskTests.Variables(sandbox, _folder);
            session.Run(WaitSeedanceTaskTests.Configure + CompletedTask + "$task | Save-SeedanceVideo -Path $Dir -ApiKey $Key", variables).ShouldSucceed();
            int Downloads() => sandbox.RequestLog.Count(r => r.Path.StartsWith("/results/", StringComparison.Ordinal));
            Assert.Equal(1, Downloads());

            var skipped = session.Run("$task | Save-SeedanceVideo -Path $Dir -ApiKey $Key -Verbose").ShouldSucceed();
            Assert.IsType<FileInfo>(Assert.Single(skipped.Output).BaseObject);
            Assert.Equal(2, Downloads());
            Assert.Equal(206, sandbox.RequestLog.Last(r => r.Path.StartsWith("/results/", StringComparison.Ordinal)).Status);
            Assert.Contains(skipped.Verbose, v => v.Message.Contains("skipped", StringComparison.Ordinal));

            session.Run("$task | Save-SeedanceVideo -Path $Dir -ApiKey $Key -Force").ShouldSucceed();
            Assert.Equal(3, Downloads());
        }

        [Fact]
        public async Task Id_and_IncludeLastFrame_save_the_video_and_the_png_in_the_folder()
        {
            await using var sandbox = await SandboxHost.StartAsync(WaitSeedanceTaskTests.ScaledOptions());
            using var session = new PowerShellSession();
            var variables = WaitSeedanceTaskTests.Variables(sandbox, _folder);

            var result = session.Run(WaitSeedanceTaskTests.Configure + CompletedTask + "Save-SeedanceVideo -Id $task.Id -Path $Dir -IncludeLastFrame -ApiKey $Key", variables).ShouldSucceed();

            var names = result.Output.Select(o => Assert.IsType<FileInfo>(o.BaseObject).Name).OrderBy(n => n).ToList();
            Assert.Equal(2, names.Count);
            Assert.EndsWith(".mp4", names[0], StringComparison.Ordinal);
            Assert.EndsWith(".png", names[1], StringComparison.Ordinal);
        }

        [Fact]
        public async Task Task_still_processing_is_a_clear_error_that_suggests_Wait_SeedanceTask()
        {
            await using var sandbox = await SandboxHost.StartAsync(WaitSeedanceTaskTests.ScaledOptions(TimeSpan.FromHours(1)));
            using var session = new PowerShellSession();

            var result = session.Run(
                WaitSeedanceTaskTests.Configure + "New-SeedanceVideo -Prompt 'not yet done' -ApiKey $Key | Save-SeedanceVideo -Path $Dir -ApiKey $Key",
                WaitSeedanceTaskTests.Variables(sandbox, _folder));

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("Seedance.TaskNotCompleted", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Contains("Wait-SeedanceTask", error.Exception.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(_folder));
        }
    }
}
