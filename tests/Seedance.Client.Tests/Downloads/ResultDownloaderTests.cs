using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Downloads;
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
        public async Task Existing_file_is_skipped_unless_forced()
        {
            var server = new FakeResultServer(_content);
            var path = Path.Combine(_folder, "sd2_a.mp4");
            File.WriteAllBytes(path, new byte[] { 1, 2, 3 });

            var skipped = await Downloader(server).DownloadAsync(Url, path, false, null, null, CancellationToken.None);
            Assert.True(skipped.Skipped);
            Assert.Empty(server.Requests);

            var forced = await Downloader(server).DownloadAsync(Url, path, true, null, null, CancellationToken.None);
            Assert.False(forced.Skipped);
            Assert.Equal(_content, File.ReadAllBytes(path));
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

        private static ResultDownloader Downloader(FakeResultServer server) => new(new HttpClient(server));

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
