using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Http;

namespace Seedance.Downloads
{
    /// <summary>
    /// Streams a result file (video or last frame) to disk with constant memory. The bytes go to
    /// <c>.&lt;name&gt;.partial</c> and are renamed to the final name only once their length (and ETag, when the server
    /// gives one) checks out, so no truncated file ever sits under the final name. A cut transfer resumes with
    /// <c>Range</c> + <c>If-Range</c>; an expired URL (403/404) is exchanged for a fresh one through a callback.
    /// When cancelled, the final name is untouched and the <c>.partial</c> file stays, to be resumed by the next
    /// download of the same file. Result URLs are public signed URLs: no API key is ever sent to them.
    /// </summary>
    public sealed class ResultDownloader
    {
        /// <summary>The copy buffer: large enough for disk and network, small enough to stay off the large-object heap.</summary>
        public const int BufferSize = 81920;

        private const int MaxResumes = 10;
        private const int MaxRefreshes = 3;
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);
        private readonly HttpClient _http;

        /// <summary>Creates a downloader on the process-wide connection pool.</summary>
        public ResultDownloader()
            : this(SharedHttp.Client)
        {
        }

        internal ResultDownloader(HttpClient http) => _http = http;

        /// <summary>Downloads <paramref name="url"/> to <paramref name="path"/>.</summary>
        /// <param name="url">The result URL.</param>
        /// <param name="path">The final file name; its folder must exist.</param>
        /// <param name="force">Download again even when the file is already there.</param>
        /// <param name="freshUrl">Asked for a new URL when the current one has expired (typically: GET the task again).</param>
        /// <param name="progress">Told how far the download has come, a few times a second and at the end.</param>
        /// <param name="cancellationToken">Stops the download; the partial file stays for a later resume.</param>
        public async Task<DownloadResult> DownloadAsync(
            Uri url,
            string path,
            bool force,
            Func<CancellationToken, Task<Uri?>>? freshUrl,
            Action<DownloadProgress>? progress,
            CancellationToken cancellationToken)
        {
            if (url is null)
            {
                throw new ArgumentNullException(nameof(url));
            }

            var finalPath = Path.GetFullPath(path);
            if (File.Exists(finalPath) && !force)
            {
                return new DownloadResult(new FileInfo(finalPath), skipped: true, resumes: 0, refreshes: 0);
            }

            var partialPath = PartialFile.For(finalPath);
            var transfer = new Transfer(finalPath, partialPath, progress);
            var refreshes = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = await TryOnceAsync(url, transfer, cancellationToken).ConfigureAwait(false);
                switch (outcome)
                {
                    case AttemptOutcome.Complete:
                        PartialFile.Promote(partialPath, finalPath);
                        return new DownloadResult(new FileInfo(finalPath), skipped: false, transfer.Resumes, refreshes);
                    case AttemptOutcome.Expired when freshUrl is not null && refreshes < MaxRefreshes:
                        refreshes++;
                        url = await freshUrl(cancellationToken).ConfigureAwait(false)
                            ?? throw Failure(finalPath, "the result URL expired and no fresh one was given");
                        break;
                    case AttemptOutcome.Expired:
                        throw Failure(finalPath, $"the result URL answered {(int)transfer.LastStatus} (expired?)");
                    case AttemptOutcome.Cut when transfer.Resumes < MaxResumes:
                        transfer.Resumes++;
                        await Task.Delay(TimeSpan.FromMilliseconds(100 * transfer.Resumes), cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        throw Failure(finalPath, transfer.LastProblem ?? "the transfer kept being cut");
                }
            }
        }

        private static SeedanceException Failure(string path, string why) =>
            new(SeedanceErrorCodes.DownloadFailed, $"Could not download '{path}': {why}. Nothing was written under that name.");

        private async Task<AttemptOutcome> TryOnceAsync(Uri url, Transfer transfer, CancellationToken cancellationToken)
        {
            var have = PartialFile.Length(transfer.PartialPath);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (have > 0)
            {
                // A partial file left by an earlier call (or process) brings the ETag its bytes came with.
                transfer.ETag ??= PartialFile.ReadETag(transfer.PartialPath);
                request.Headers.Range = new RangeHeaderValue(have, null);
                if (transfer.ETag is { IsWeak: false } etag)
                {
                    request.Headers.IfRange = new RangeConditionHeaderValue(etag);
                }
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                transfer.LastProblem = e.Message;
                return AttemptOutcome.Cut;
            }

            using (response)
            {
                transfer.LastStatus = response.StatusCode;
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone:
                        return AttemptOutcome.Expired;
                    case HttpStatusCode.RequestedRangeNotSatisfiable:
                        // The partial file is longer than the resource (or already whole): start again from nothing.
                        PartialFile.Discard(transfer.PartialPath);
                        transfer.LastProblem = "the server refused to resume";
                        return AttemptOutcome.Cut;
                    case HttpStatusCode.PartialContent when response.Content.Headers.ContentRange is { } range && range.From == have:
                        transfer.Total = range.Length;
                        return await CopyAsync(response, transfer, append: true, cancellationToken).ConfigureAwait(false);
                    case HttpStatusCode.OK:
                        transfer.Total = response.Content.Headers.ContentLength;
                        transfer.ETag = response.Headers.ETag;
                        PartialFile.WriteETag(transfer.PartialPath, transfer.ETag);
                        return await CopyAsync(response, transfer, append: false, cancellationToken).ConfigureAwait(false);
                    default:
                        transfer.LastProblem = $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}";
                        return (int)response.StatusCode >= 500 ? AttemptOutcome.Cut : AttemptOutcome.Failed;
                }
            }
        }

        private static async Task<AttemptOutcome> CopyAsync(HttpResponseMessage response, Transfer transfer, bool append, CancellationToken cancellationToken)
        {
            if (append && transfer.ETag is { } known && response.Headers.ETag is { } now && now.Tag != known.Tag)
            {
                PartialFile.Discard(transfer.PartialPath);
                transfer.LastProblem = "the file changed on the server while it was being downloaded";
                return AttemptOutcome.Cut;
            }

            transfer.Have = append ? PartialFile.Length(transfer.PartialPath) : 0;
            var buffer = new byte[BufferSize];
            using (var file = new FileStream(transfer.PartialPath, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                try
                {
                    using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    int read;
                    while ((read = await body.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await file.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                        transfer.Received(read);
                    }
                }
                catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    transfer.LastProblem = "the transfer was cut: " + e.Message;
                    return AttemptOutcome.Cut;
                }
            }

            var length = PartialFile.Length(transfer.PartialPath);
            transfer.Have = length;
            transfer.Report(force: true);
            if (transfer.Total is { } total && length != total)
            {
                transfer.LastProblem = string.Format(CultureInfo.InvariantCulture, "the transfer ended at {0} of {1} bytes", length, total);
                if (length > total)
                {
                    PartialFile.Discard(transfer.PartialPath);
                }

                return AttemptOutcome.Cut;
            }

            return AttemptOutcome.Complete;
        }

        private enum AttemptOutcome
        {
            Complete,
            Cut,
            Expired,
            Failed,
        }

        /// <summary>What one download knows across its attempts.</summary>
        private sealed class Transfer
        {
            private readonly Action<DownloadProgress>? _progress;
            private readonly Stopwatch _clock = Stopwatch.StartNew();
            private TimeSpan _lastReport = -ProgressInterval;
            private long _receivedThisCall;

            public Transfer(string finalPath, string partialPath, Action<DownloadProgress>? progress)
            {
                FinalPath = finalPath;
                PartialPath = partialPath;
                _progress = progress;
            }

            public string FinalPath { get; }

            public string PartialPath { get; }

            public long? Total { get; set; }

            /// <summary>Bytes in the partial file, counting what is still in the write buffer.</summary>
            public long Have { get; set; }

            public EntityTagHeaderValue? ETag { get; set; }

            public int Resumes { get; set; }

            public HttpStatusCode LastStatus { get; set; }

            public string? LastProblem { get; set; }

            public void Received(int bytes)
            {
                _receivedThisCall += bytes;
                Have += bytes;
                Report(force: false);
            }

            public void Report(bool force)
            {
                if (_progress is null || (!force && _clock.Elapsed - _lastReport < ProgressInterval))
                {
                    return;
                }

                _lastReport = _clock.Elapsed;
                var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
                _progress(new DownloadProgress(FinalPath, Have, Total, _receivedThisCall / seconds));
            }
        }
    }
}
