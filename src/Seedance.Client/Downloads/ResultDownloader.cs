using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace Seedance.Client.Downloads
{
    /// <summary>
    /// Streams a result file (video or last frame) to disk with constant memory. The bytes go to
    /// <c>.&lt;name&gt;.partial</c> and are renamed to the final name only once their length (and ETag, when the server
    /// gives one) checks out, so no truncated file ever sits under the final name. A cut or stalled transfer resumes with
    /// <c>Range</c> + <c>If-Range</c>; an expired URL (403/404) is exchanged for a fresh one through a callback.
    /// When cancelled, the final name is untouched and the <c>.partial</c> file stays, to be resumed by the next
    /// download of the same file. Result URLs are public signed URLs: no API key is ever sent to them.
    /// </summary>
    internal sealed class ResultDownloader
    {
        /// <summary>The copy buffer: large enough for disk and network, small enough to stay off the large-object heap.</summary>
        public const int BufferSize = 81920;

        /// <summary>
        /// An attempt that brings fewer bytes than this within the attempt timeout has stalled: a trickle (one byte every
        /// few seconds) holds a download as surely as silence does.
        /// </summary>
        internal const int StallBytes = 64 * 1024;

        private const int MaxRefreshes = 3;
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);
        private readonly HttpClient _http;
        private readonly SeedanceClientOptions _options;
        private readonly TimeProvider _time;

        /// <summary>Creates a downloader on the process-wide connection pool, with the default attempt timeout and retries.</summary>
        public ResultDownloader()
            : this(new SeedanceClientOptions())
        {
        }

        /// <summary>Creates a downloader that follows the attempt timeout and retry settings of <paramref name="options"/>.</summary>
        public ResultDownloader(SeedanceClientOptions options)
            : this(SharedHttp.Client, options, TimeProvider.System)
        {
        }

        internal ResultDownloader(HttpClient http, SeedanceClientOptions options, TimeProvider time)
        {
            _http = http;
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _time = time;
        }

        /// <summary>
        /// A result URL as the API gave it, refused unless it is https (or http to this machine, as the sandbox serves):
        /// nothing is downloaded from anywhere else.
        /// </summary>
        public static Uri ResultUri(string url, string? taskId)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
            {
                return uri;
            }

            var whose = taskId is null ? string.Empty : $" of task {taskId}";
            throw new SeedanceException(
                SeedanceErrorCodes.UnexpectedResponse,
                $"The result URL{whose} is '{url}'; only https URLs (or http to this machine) are downloaded. Nothing was saved.",
                taskId: taskId);
        }

        /// <summary>Downloads <paramref name="url"/> to <paramref name="path"/>.</summary>
        /// <param name="url">The result URL.</param>
        /// <param name="path">The final file name; its folder must exist.</param>
        /// <param name="force">Download again over whatever is at <paramref name="path"/>.</param>
        /// <param name="freshUrl">Asked for a new URL when the current one has expired (typically: GET the task again).</param>
        /// <param name="progress">Told how far the download has come, a few times a second and at the end.</param>
        /// <param name="cancellationToken">Stops the download; the partial file stays for a later resume.</param>
        /// <remarks>
        /// Without <paramref name="force"/>, a file already at <paramref name="path"/> is kept only when it is known to be
        /// this result, complete: a plain file as long as the server says the result is. Anything else there (another
        /// file, a link, a folder) is a <c>FileExists</c> error and nothing is downloaded.
        /// </remarks>
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
            var partialPath = PartialFile.For(finalPath);
            PartialFile.RefuseLinks(partialPath);
            var transfer = new Transfer(ResultUri(url.OriginalString, null), finalPath, partialPath, progress, _time);
            if (Directory.Exists(finalPath) && !PartialFile.IsLink(finalPath))
            {
                throw new SeedanceException(SeedanceErrorCodes.PathNotUsable, $"'{finalPath}' is a folder; the result cannot be saved under that name.");
            }

            if (!force && PartialFile.Occupied(finalPath))
            {
                if (!PartialFile.IsLink(finalPath))
                {
                    await RunAsync(transfer, ProbeOnceAsync, freshUrl, cancellationToken).ConfigureAwait(false);
                    if (transfer.Total == new FileInfo(finalPath).Length)
                    {
                        return new DownloadResult(new FileInfo(finalPath), Skipped: true, Resumes: 0, Refreshes: transfer.Refreshes);
                    }
                }

                throw new SeedanceException(
                    SeedanceErrorCodes.FileExists,
                    $"'{finalPath}' already exists and is not this result, complete ({(PartialFile.IsLink(finalPath) ? "it is a link" : "its length differs")}); nothing was downloaded. Use -Force to replace it, or save elsewhere.");
            }

            transfer.Probing = false;
            transfer.FailuresWithoutBytes = 0;
            await RunAsync(transfer, TryOnceAsync, freshUrl, cancellationToken).ConfigureAwait(false);
            PartialFile.Promote(partialPath, finalPath);
            return new DownloadResult(new FileInfo(finalPath), Skipped: false, transfer.Resumes, transfer.Refreshes);
        }

        private static SeedanceException Failure(string path, string why) =>
            new(SeedanceErrorCodes.DownloadFailed, $"Could not download '{path}': {why}. Nothing was written under that name.");

        /// <summary>
        /// Runs <paramref name="attempt"/> until it completes: a failed attempt (cut, stalled, 5xx) is retried with the
        /// client's backoff while the retry budget lasts, an expired URL is exchanged for a fresh one.
        /// </summary>
        private async Task RunAsync(
            Transfer transfer,
            Func<Transfer, CancellationToken, Task<AttemptOutcome>> attempt,
            Func<CancellationToken, Task<Uri?>>? freshUrl,
            CancellationToken cancellationToken)
        {
            var retries = Retries(transfer);
            while (true)
            {
                var outcome = await retries.ExecuteAsync(
                    async token => await WatchedAsync(transfer, attempt, token).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                switch (outcome)
                {
                    case AttemptOutcome.Complete:
                        return;
                    case AttemptOutcome.Expired when freshUrl is not null && transfer.Refreshes < MaxRefreshes:
                        transfer.Refreshes++;
                        var fresh = await freshUrl(cancellationToken).ConfigureAwait(false)
                            ?? throw Failure(transfer.FinalPath, "the result URL expired and no fresh one was given");
                        transfer.Url = ResultUri(fresh.OriginalString, null);
                        break;
                    case AttemptOutcome.Expired:
                        throw Failure(transfer.FinalPath, $"the result URL answered {(int)transfer.LastStatus} (expired?)");
                    default:
                        throw Failure(transfer.FinalPath, transfer.LastProblem ?? "the transfer kept failing");
                }
            }
        }

        /// <summary>
        /// Retries failed attempts with the client's backoff (Polly, on this downloader's clock). A download's budget runs
        /// from the last attempt that made progress (<see cref="StallBytes"/> or more): it fails after
        /// <see cref="SeedanceClientOptions.MaxRetries"/> retries in a row without progress, or when none came for
        /// <see cref="SeedanceClientOptions.RetryBudget"/>.
        /// </summary>
        private ResiliencePipeline<AttemptOutcome> Retries(Transfer transfer) =>
            new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = _time }
                .AddRetry(new RetryStrategyOptions<AttemptOutcome>
                {
                    MaxRetryAttempts = int.MaxValue,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = _options.RetryBaseDelay,
                    MaxDelay = _options.RetryMaxDelay,
                    ShouldHandle = args => new ValueTask<bool>(
                        args.Outcome.Exception is null
                        && args.Outcome.Result == AttemptOutcome.Cut
                        && transfer.FailuresWithoutBytes <= _options.MaxRetries
                        && _time.GetUtcNow() - transfer.LastBytesAt < _options.RetryBudget),

                    // A transfer cut after it brought bytes resumes at once; backing off is for a server that gives nothing.
                    DelayGenerator = args => new ValueTask<TimeSpan?>(transfer.FailuresWithoutBytes == 0 ? TimeSpan.Zero : null),
                    OnRetry = _ =>
                    {
                        if (!transfer.Probing)
                        {
                            transfer.Resumes++;
                        }

                        return default;
                    },
                })
                .Build();

        /// <summary>
        /// Runs one attempt under a stall watch: when fewer than <see cref="StallBytes"/> arrive within the attempt
        /// timeout (no headers, headers and then nothing, or a trickle), the attempt is abandoned as cut.
        /// </summary>
        private async Task<AttemptOutcome> WatchedAsync(Transfer transfer, Func<Transfer, CancellationToken, Task<AttemptOutcome>> attempt, CancellationToken cancellationToken)
        {
            var before = PartialFile.Length(transfer.PartialPath);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var watch = new StallWatch(_time, _options.AttemptTimeout, stop);
            transfer.Watch = watch;
            AttemptOutcome outcome;
            try
            {
                outcome = await attempt(transfer, stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException && cancellationToken.IsCancellationRequested)
            {
                // Stopping can surface as the disposed response's error rather than as a cancellation.
                throw new OperationCanceledException(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException && watch.Stalled)
            {
                transfer.LastProblem = string.Format(
                    CultureInfo.InvariantCulture,
                    "the server sent less than {0} KiB in {1:0.#} s (the attempt timeout), {2} time(s) in a row",
                    StallBytes / 1024,
                    _options.AttemptTimeout.TotalSeconds,
                    transfer.FailuresWithoutBytes + 1);
                outcome = AttemptOutcome.Cut;
            }
            finally
            {
                transfer.Watch = null;
            }

            // Progress is a stall watch's worth of bytes: a trickle that keeps each attempt alive a little is no progress.
            if (!transfer.Probing && PartialFile.Length(transfer.PartialPath) - before >= StallBytes)
            {
                transfer.FailuresWithoutBytes = 0;
                transfer.LastBytesAt = _time.GetUtcNow();
            }
            else if (outcome != AttemptOutcome.Complete)
            {
                transfer.FailuresWithoutBytes++;
            }

            return outcome;
        }

        /// <summary>Asks for the first byte only, to learn the result's full length (and that the URL still works).</summary>
        private async Task<AttemptOutcome> ProbeOnceAsync(Transfer transfer, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, transfer.Url);
            request.Headers.Range = new RangeHeaderValue(0, 0);
            using var response = await SendAsync(request, transfer, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return AttemptOutcome.Cut;
            }

            switch (response.StatusCode)
            {
                case HttpStatusCode.PartialContent when response.Content.Headers.ContentRange?.Length is { } length:
                    transfer.Total = length;
                    return AttemptOutcome.Complete;
                case HttpStatusCode.OK:
                    transfer.Total = response.Content.Headers.ContentLength;
                    return AttemptOutcome.Complete;
                default:
                    return Unsuccessful(response, transfer);
            }
        }

        private async Task<AttemptOutcome> TryOnceAsync(Transfer transfer, CancellationToken cancellationToken)
        {
            var have = PartialFile.Length(transfer.PartialPath);
            using var request = new HttpRequestMessage(HttpMethod.Get, transfer.Url);
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

            using var response = await SendAsync(request, transfer, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return AttemptOutcome.Cut;
            }

            switch (response.StatusCode)
            {
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
                    return Unsuccessful(response, transfer);
            }
        }

        /// <summary>Sends with headers-only completion; a network failure is noted and gives null (a cut attempt).</summary>
        private async Task<HttpResponseMessage?> SendAsync(HttpRequestMessage request, Transfer transfer, CancellationToken cancellationToken)
        {
            try
            {
                var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                transfer.LastStatus = response.StatusCode;
                return response;
            }
            catch (HttpRequestException e)
            {
                transfer.LastProblem = e.Message;
                return null;
            }
        }

        private static AttemptOutcome Unsuccessful(HttpResponseMessage response, Transfer transfer)
        {
            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return AttemptOutcome.Expired;
            }

            transfer.LastProblem = $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}";
            return (int)response.StatusCode >= 500 ? AttemptOutcome.Cut : AttemptOutcome.Failed;
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
            // Not every runtime honours a token in a network read (.NET Framework does not): closing the response ends it.
            using (cancellationToken.Register(response.Dispose))
            using (var file = PartialFile.Open(transfer.PartialPath, append, BufferSize))
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

        /// <summary>Cancels an attempt that brings fewer than <see cref="StallBytes"/> within the attempt timeout.</summary>
        private sealed class StallWatch : IDisposable
        {
            private readonly ITimer _timer;
            private readonly TimeSpan _timeout;
            private readonly CancellationTokenSource _stop;
            private long _sinceArmed;
            private int _stalled;

            public StallWatch(TimeProvider time, TimeSpan timeout, CancellationTokenSource stop)
            {
                _timeout = timeout;
                _stop = stop;
                _timer = time.CreateTimer(static state => ((StallWatch)state!).Fire(), this, timeout, Timeout.InfiniteTimeSpan);
            }

            public bool Stalled => Volatile.Read(ref _stalled) == 1;

            public void Received(int bytes)
            {
                _sinceArmed += bytes;
                if (_sinceArmed >= StallBytes)
                {
                    _sinceArmed = 0;
                    _timer.Change(_timeout, Timeout.InfiniteTimeSpan);
                }
            }

            public void Dispose() => _timer.Dispose();

            private void Fire()
            {
                Volatile.Write(ref _stalled, 1);
                try
                {
                    _stop.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The attempt ended as the timer fired.
                }
            }
        }

        /// <summary>What one download knows across its attempts.</summary>
        private sealed class Transfer
        {
            private readonly Action<DownloadProgress>? _progress;
            private readonly TimeProvider _time;
            private readonly long _started;
            private TimeSpan _lastReport = -ProgressInterval;
            private long _receivedThisCall;

            public Transfer(Uri url, string finalPath, string partialPath, Action<DownloadProgress>? progress, TimeProvider time)
            {
                Url = url;
                FinalPath = finalPath;
                PartialPath = partialPath;
                _progress = progress;
                _time = time;
                _started = time.GetTimestamp();
                LastBytesAt = time.GetUtcNow();
            }

            public Uri Url { get; set; }

            public string FinalPath { get; }

            public string PartialPath { get; }

            /// <summary>True while only the length of the result is asked for (an existing file is being checked).</summary>
            public bool Probing { get; set; } = true;

            public long? Total { get; set; }

            /// <summary>Bytes in the partial file, counting what is still in the write buffer.</summary>
            public long Have { get; set; }

            public EntityTagHeaderValue? ETag { get; set; }

            public int Resumes { get; set; }

            public int Refreshes { get; set; }

            public int FailuresWithoutBytes { get; set; }

            public DateTimeOffset LastBytesAt { get; set; }

            public StallWatch? Watch { get; set; }

            public HttpStatusCode LastStatus { get; set; }

            public string? LastProblem { get; set; }

            public void Received(int bytes)
            {
                Watch?.Received(bytes);
                _receivedThisCall += bytes;
                Have += bytes;
                Report(force: false);
            }

            public void Report(bool force)
            {
                var elapsed = _time.GetElapsedTime(_started);
                if (_progress is null || (!force && elapsed - _lastReport < ProgressInterval))
                {
                    return;
                }

                _lastReport = elapsed;
                var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
                _progress(new DownloadProgress(FinalPath, Have, Total, _receivedThisCall / seconds));
            }
        }
    }
}
