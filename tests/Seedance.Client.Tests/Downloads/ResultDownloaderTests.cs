using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Seedance.Client.Tests.Journal;
using Seedance.Client.Downloads;
using Xunit;

namespace Seedance.Client.Tests.Downloads
{
    /// <summary>The download logic (temporary name, rename, resume, refresh, skip) against an in-memory result server.</summary>
    public sealed class ResultDownloaderTests : IDisposable
    {
        private static readonly Uri Url = new("https://results.example.invalid/sd2_a.mp4?sig=1");
        private readonly string _folder = Directory.CreateTempSubdirectory("seedance-dl-").FullName;
        private readonly byte[] _content = Enumerable.Range(0, 1_000_000).Select(i => (byte)(i * 7)).ToArray();

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact]
        public async Task Cut_transfer_resumes_with_Range_and_IfRange_and_the_bytes_match()
        {
            var server = new FakeResultServer(_content) { CutAfter = 400_000 };
            var path = Path.Combine(_folder, "sd2_a.mp4");

            var result = await Downloader(server).DownloadAsync(Url, path, false, null, null, CancellationToken.None);

            Assert.Equal(1, result.Resumes);
            Assert.Equal(_content, File.ReadAllBytes(path));
            var resume = server.Requests[1];
            Assert.Equal(400_000, resume.Headers.Range!.Ranges.Single().From);
            Assert.Equal("\"v1\"", resume.Headers.IfRange!.EntityTag!.Tag);
            Assert.False(File.Exists(Path.Combine(_folder, ".sd2_a.mp4.partial")));
        }

        [Fact]
        public async Task Expired_url_is_exchanged_for_a_fresh_one()
        {
            var server = new FakeResultServer(_content);
            server.Expired.Add(Url);
            var fresh = new Uri("https://results.example.invalid/sd2_a.mp4?sig=2");
            var path = Path.Combine(_folder, "sd2_a.mp4");

            var result = await Downloader(server).DownloadAsync(Url, path, false, _ => Task.FromResult<Uri?>(fresh), null, CancellationToken.None);

            Assert.Equal(1, result.Refreshes);
            Assert.Equal(fresh, server.Requests.Last().RequestUri);
            Assert.Equal(_content, File.ReadAllBytes(path));
        }

        [Fact]
        public async Task Expired_url_without_a_fresh_one_fails_and_leaves_no_file_under_the_final_name()
        {
            var server = new FakeResultServer(_content);
            server.Expired.Add(Url);
            var path = Path.Combine(_folder, "sd2_a.mp4");

            var error = await Assert.ThrowsAsync<SeedanceException>(() => Downloader(server).DownloadAsync(Url, path, false, null, null, CancellationToken.None));

            Assert.Equal(SeedanceErrorCodes.DownloadFailed, error.ErrorCode);
            Assert.False(File.Exists(path));
        }

        [Fact]
        public async Task Cancelled_download_leaves_nothing_under_the_final_name_and_a_partial_that_a_later_call_resumes()
        {
            var stalled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var server = new FakeResultServer(_content) { StallAfterFirstChunk = stalled };
            var path = Path.Combine(_folder, "sd2_a.mp4");
            using var stop = new CancellationTokenSource();
            var downloader = Downloader(server);

            var running = downloader.DownloadAsync(Url, path, false, null, null, stop.Token);
            await stalled.Task;
            stop.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
            Assert.False(File.Exists(path));
            Assert.True(File.Exists(Path.Combine(_folder, ".sd2_a.mp4.partial")));

            await downloader.DownloadAsync(Url, path, false, null, null, CancellationToken.None);
            Assert.Equal(_content, File.ReadAllBytes(path));
            Assert.NotNull(server.Requests.Last().Headers.Range);
        }

        [Fact]
        public async Task A_partial_left_by_an_earlier_process_resumes_with_IfRange_when_the_file_is_unchanged()
        {
            var path = Path.Combine(_folder, "sd2_a.mp4");
            await LeavePartialAsync(new FakeResultServer(_content), path);
            var later = new FakeResultServer(_content);

            var result = await Downloader(later).DownloadAsync(Url, path, false, null, null, CancellationToken.None);

            Assert.Equal(_content, File.ReadAllBytes(path));
            var resume = Assert.Single(later.Requests);
            Assert.True(resume.Headers.Range!.Ranges.Single().From > 0);
            Assert.Equal("\"v1\"", resume.Headers.IfRange!.EntityTag!.Tag);
            Assert.Empty(Directory.GetFiles(_folder, ".*"));
            Assert.False(result.Skipped);
        }

        [Fact]
        public async Task A_partial_left_by_an_earlier_process_is_never_completed_with_bytes_of_a_changed_file()
        {
            var path = Path.Combine(_folder, "sd2_a.mp4");
            await LeavePartialAsync(new FakeResultServer(_content), path);
            var changed = _content.Select(b => (byte)(b ^ 0xFF)).ToArray();

            await Downloader(new FakeResultServer(changed) { ETag = "\"v2\"" }).DownloadAsync(Url, path, false, null, null, CancellationToken.None);

            Assert.Equal(changed, File.ReadAllBytes(path));
            Assert.Empty(Directory.GetFiles(_folder, ".*"));
        }

        [Fact]
        public async Task Existing_complete_file_is_skipped_after_asking_the_server_for_one_byte()
        {
            var server = new FakeResultServer(_content);
            var path = Path.Combine(_folder, "sd2_a.mp4");
            File.WriteAllBytes(path, _content);

            var skipped = await Downloader(server).DownloadAsync(Url, path, false, null, null, CancellationToken.None);

            Assert.True(skipped.Skipped);
            var probe = Assert.Single(server.Requests);
            Assert.Equal(0, probe.Headers.Range!.Ranges.Single().To);
        }

        [Fact]
        public async Task Existing_unrelated_file_is_refused_naming_Force_and_kept_until_forced()
        {
            var server = new FakeResultServer(_content);
            var path = Path.Combine(_folder, "sd2_a.mp4");
            var mine = Enumerable.Repeat((byte)'x', 20).ToArray();
            File.WriteAllBytes(path, mine);

            var error = await Assert.ThrowsAsync<SeedanceException>(() => Downloader(server).DownloadAsync(Url, path, false, null, null, CancellationToken.None));

            Assert.Equal(SeedanceErrorCodes.FileExists, error.ErrorCode);
            Assert.Contains("-Force", error.Message, StringComparison.Ordinal);
            Assert.Equal(mine, File.ReadAllBytes(path));
            var forced = await Downloader(server).DownloadAsync(Url, path, true, null, null, CancellationToken.None);
            Assert.False(forced.Skipped);
            Assert.Equal(_content, File.ReadAllBytes(path));
        }

        [UnixOnlyFact]
        public async Task Dangling_link_at_the_target_is_refused_and_replaced_itself_only_with_Force()
        {
            var server = new FakeResultServer(_content);
            var path = Path.Combine(_folder, "sd2_a.mp4");
            File.CreateSymbolicLink(path, Path.Combine(_folder, "nowhere"));

            var error = await Assert.ThrowsAsync<SeedanceException>(() => Downloader(server).DownloadAsync(Url, path, false, null, null, CancellationToken.None));

            Assert.Equal(SeedanceErrorCodes.FileExists, error.ErrorCode);
            Assert.Empty(server.Requests);
            await Downloader(server).DownloadAsync(Url, path, true, null, null, CancellationToken.None);
            Assert.Null(new FileInfo(path).LinkTarget);
            Assert.False(File.Exists(Path.Combine(_folder, "nowhere")));
            Assert.Equal(_content, File.ReadAllBytes(path));
        }

        [UnixOnlyFact]
        public async Task Planted_partial_link_is_refused_and_its_target_never_written()
        {
            var victim = Path.Combine(_folder, "victim.txt");
            File.WriteAllText(victim, "keep me");
            var path = Path.Combine(_folder, "clip.mp4");
            File.CreateSymbolicLink(Path.Combine(_folder, ".clip.mp4.partial"), victim);
            var server = new FakeResultServer(_content);

            var error = await Assert.ThrowsAsync<SeedanceException>(() => Downloader(server).DownloadAsync(Url, path, true, null, null, CancellationToken.None));

            Assert.Equal(SeedanceErrorCodes.PathNotUsable, error.ErrorCode);
            Assert.Equal("keep me", File.ReadAllText(victim));
            Assert.Empty(server.Requests);
            Assert.False(File.Exists(path));
        }

        [UnixOnlyFact]
        public async Task Planted_etag_link_is_refused_and_its_target_never_overwritten()
        {
            var victim = Path.Combine(_folder, "victim.txt");
            File.WriteAllText(victim, "keep me");
            var path = Path.Combine(_folder, "clip.mp4");
            File.CreateSymbolicLink(Path.Combine(_folder, ".clip.mp4.partial.etag"), victim);
            var server = new FakeResultServer(_content);

            var error = await Assert.ThrowsAsync<SeedanceException>(() => Downloader(server).DownloadAsync(Url, path, true, null, null, CancellationToken.None));

            Assert.Equal(SeedanceErrorCodes.PathNotUsable, error.ErrorCode);
            Assert.Equal("keep me", File.ReadAllText(victim));
            Assert.False(File.Exists(path));
        }

        [Theory]
        [InlineData("ftp://results.example.invalid/a.mp4")]
        [InlineData("http://results.example.invalid/a.mp4")]
        [InlineData("file:///etc/passwd")]
        [InlineData("not a url")]
        public void Result_url_that_is_not_https_or_loopback_http_is_refused(string url)
        {
            var error = Assert.Throws<SeedanceException>(() => ResultDownloader.ResultUri(url, "sd2_a"));

            Assert.Equal(SeedanceErrorCodes.UnexpectedResponse, error.ErrorCode);
            Assert.Contains("sd2_a", error.Message, StringComparison.Ordinal);
            Assert.Equal(new Uri("http://127.0.0.1:5000/r/a.mp4"), ResultDownloader.ResultUri("http://127.0.0.1:5000/r/a.mp4", "sd2_a"));
        }

        [Fact]
        public async Task Stalled_transfer_is_given_up_after_the_attempt_timeout_and_resumed_with_Range()
        {
            var time = new FakeTimeProvider();
            var stalled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var server = new FakeResultServer(_content) { StallAfterFirstChunk = stalled };
            var path = Path.Combine(_folder, "sd2_a.mp4");

            var running = Downloader(server, time).DownloadAsync(Url, path, false, null, null, CancellationToken.None);
            await stalled.Task;
            time.Advance(Patient.AttemptTimeout);
            var result = await running;

            Assert.Equal(_content, File.ReadAllBytes(path));
            Assert.Equal(1, result.Resumes);
            Assert.True(server.Requests[1].Headers.Range!.Ranges.Single().From > 0);
        }

        [Fact]
        public async Task Headers_then_nothing_is_a_failed_attempt_retried_with_Range_then_DownloadFailed()
        {
            var time = new FakeTimeProvider();
            var server = new FakeResultServer(_content) { StallEveryAfter = 4096 };
            var path = Path.Combine(_folder, "sd2_a.mp4");

            var running = Downloader(server, time).DownloadAsync(Url, path, false, null, null, CancellationToken.None);
            for (var attempt = 0; attempt <= Patient.MaxRetries; attempt++)
            {
                await server.Stalls.WaitAsync();
                time.Advance(Patient.AttemptTimeout);
            }

            var error = await Assert.ThrowsAsync<SeedanceException>(() => running);
            Assert.Equal(SeedanceErrorCodes.DownloadFailed, error.ErrorCode);
            Assert.Contains("attempt timeout", error.Message, StringComparison.Ordinal);
            Assert.Equal(Patient.MaxRetries + 1, server.Requests.Count);
            Assert.Equal(4096, server.Requests[1].Headers.Range!.Ranges.Single().From);
            Assert.False(File.Exists(path));
        }

        [Fact]
        public async Task A_trickle_of_one_byte_every_two_seconds_is_a_stall_and_fails_within_the_retries()
        {
            var time = new FakeTimeProvider();
            var server = new FakeResultServer(_content) { Trickle = (time, TimeSpan.FromSeconds(2)) };
            var path = Path.Combine(_folder, "sd2_a.mp4");

            var error = await Assert.ThrowsAsync<SeedanceException>(() => Downloader(server, time).DownloadAsync(Url, path, false, null, null, CancellationToken.None));

            Assert.Equal(SeedanceErrorCodes.DownloadFailed, error.ErrorCode);
            Assert.Equal(Patient.MaxRetries + 1, server.Requests.Count);
            Assert.False(File.Exists(path));
        }

        [Fact]
        public async Task Result_urls_never_get_an_Authorization_header_and_progress_ends_at_the_total()
        {
            var server = new FakeResultServer(_content) { CutAfter = 100_000 };
            var path = Path.Combine(_folder, "sd2_a.mp4");
            DownloadProgress? last = null;

            await Downloader(server).DownloadAsync(Url, path, false, null, p => last = p, CancellationToken.None);

            Assert.All(server.Requests, r => Assert.Null(r.Headers.Authorization));
            Assert.Equal(_content.Length, last!.BytesReceived);
            Assert.Equal(_content.Length, last.TotalBytes);
            Assert.Equal(100, last.Percent);
        }

        /// <summary>Ten-second attempts, two retries, and no backoff: a test moves the clock only past attempt timeouts.</summary>
        private static readonly SeedanceClientOptions Patient = new()
        {
            AttemptTimeout = TimeSpan.FromSeconds(10),
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.Zero,
            RetryMaxDelay = TimeSpan.FromSeconds(1),
        };

        private static ResultDownloader Downloader(FakeResultServer server, TimeProvider? time = null) => new(new HttpClient(server), Patient, time ?? TimeProvider.System);

        /// <summary>What a stopped earlier process leaves behind: a partial file (and whatever it recorded beside it).</summary>
        private static async Task LeavePartialAsync(FakeResultServer server, string path)
        {
            var stalled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            server.StallAfterFirstChunk = stalled;
            using var stop = new CancellationTokenSource();
            var running = Downloader(server).DownloadAsync(Url, path, false, null, null, stop.Token);
            await stalled.Task;
            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
            Assert.True(PartialLength(path) > 0);
        }

        private static long PartialLength(string path) => new FileInfo(Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".partial")).Length;
    }
}
