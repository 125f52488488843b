using System;
using System.Buffers;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Seedance.Sandbox.Api;
using Seedance.Sandbox.Faults;
using Seedance.Sandbox.Http;

namespace Seedance.Sandbox.Results
{
    /// <summary>
    /// Serves result files at signed URLs, as a CDN would: no API key, not rate limited, strong ETag, single byte
    /// ranges, 403 once the signature has expired. Bodies stream in chunks, so their size does not cost memory.
    /// </summary>
    internal sealed class ResultHandler
    {
        private const int ChunkSize = 64 * 1024;
        private readonly SandboxState _state;
        private readonly CancellationToken _stopping;

        public ResultHandler(SandboxState state, CancellationToken stopping)
        {
            _state = state;
            _stopping = stopping;
        }

        public async Task DownloadAsync(HttpContext context, RequestTrace trace, string taskId, string file)
        {
            var fault = _state.Faults.TryTake(SandboxEndpoint.Download);
            trace.Fault = fault?.Kind;
            if (await FaultActions.StrikeBeforeAsync(context, trace, fault, _state.ElsewhereUri).ConfigureAwait(false))
            {
                return;
            }

            await new SlowGate(fault, _stopping).PassAsync().ConfigureAwait(false);
            var query = context.Request.Query;
            if (!long.TryParse(query["expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                || !_state.Signer.Verify(taskId, file, expires, query["signature"].ToString()))
            {
                await JsonResponses.WriteErrorAsync(context, 403, "forbidden", "The signature of this result URL is not valid.").ConfigureAwait(false);
                return;
            }

            if (_state.Time.GetUtcNow().ToUnixTimeMilliseconds() >= expires)
            {
                await JsonResponses.WriteErrorAsync(context, 403, "forbidden", "This result URL has expired; get the task again for a fresh one.").ConfigureAwait(false);
                return;
            }

            var task = _state.FindTask(taskId);
            if (task is null || task.StatusAt(_state.Time.GetUtcNow()) != "completed")
            {
                await JsonResponses.WriteErrorAsync(context, 404, "not_found", "No such result.").ConfigureAwait(false);
                return;
            }

            await ServeAsync(context, trace, _state.Body(task, file), InjectedFault.AimsAtDownloads(fault?.Kind ?? default) ? fault : null).ConfigureAwait(false);
        }

        private async Task ServeAsync(HttpContext context, RequestTrace trace, IResultBody body, InjectedFault? pacing)
        {
            var request = context.Request;
            var response = context.Response;
            response.Headers.ETag = body.ETag;
            response.Headers.AcceptRanges = "bytes";
            response.ContentType = body.ContentType;
            if (request.Headers.IfNoneMatch.ToString() is { Length: > 0 } ifNoneMatch
                && (ifNoneMatch == "*" || ifNoneMatch.Contains(body.ETag, StringComparison.Ordinal)))
            {
                response.StatusCode = 304;
                return;
            }

            var rangeHeader = request.Headers.Range.ToString();
            var ifRange = request.Headers.IfRange.ToString();
            ByteRange? range = null;
            if (rangeHeader.Length > 0 && (ifRange.Length == 0 || ifRange == body.ETag))
            {
                range = ByteRange.Parse(rangeHeader, body.Length, out var unsatisfiable);
                if (unsatisfiable)
                {
                    response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{body.Length}");
                    await JsonResponses.WriteErrorAsync(context, 416, "range_not_satisfiable", "The requested range is outside the file.").ConfigureAwait(false);
                    return;
                }
            }

            var start = range?.Start ?? 0;
            var length = range?.Length ?? body.Length;
            if (range is { } r)
            {
                response.StatusCode = 206;
                response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {r.Start}-{r.End}/{body.Length}");
            }
            else
            {
                response.StatusCode = 200;
            }

            response.ContentLength = length;
            if (HttpMethods.IsHead(request.Method))
            {
                return;
            }

            await StreamAsync(context, trace, body, start, length, pacing).ConfigureAwait(false);
        }

        /// <summary>
        /// Streams the body in chunks. A download fault paces it: after its <c>AfterBytes</c>, a cut ends the response short
        /// of its Content-Length, a stall sends nothing more, a drip one byte per delay.
        /// </summary>
        private async Task StreamAsync(HttpContext context, RequestTrace trace, IResultBody body, long start, long length, InjectedFault? pacing)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
                long sent = 0;
                while (sent < length)
                {
                    var take = (int)Math.Min(ChunkSize, length - sent);
                    if (pacing is not null)
                    {
                        take = (int)Math.Min(take, sent < pacing.AfterBytes ? pacing.AfterBytes - sent : (pacing.Kind == SandboxFaultKind.DripDownload ? 1 : 0));
                    }

                    if (take > 0)
                    {
                        body.Fill(start + sent, buffer.AsSpan(0, take));
                        if (!await FaultActions.WriteAsync(context, trace, buffer.AsMemory(0, take)).ConfigureAwait(false))
                        {
                            return;
                        }

                        sent += take;
                    }

                    if (pacing is null || sent < pacing.AfterBytes)
                    {
                        continue;
                    }

                    // Ending the response short of its Content-Length makes Kestrel close the connection after the bytes
                    // already written; an abort here could discard them before they leave. The flush also sends the
                    // headers when no byte has gone yet.
                    await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                    if (sent == length)
                    {
                        return;
                    }

                    if (pacing.Kind == SandboxFaultKind.CutDownload)
                    {
                        trace.Dropped = true;
                        return;
                    }

                    using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping);
                    await Task.Delay(pacing.Delay, held.Token).ConfigureAwait(false);
                    if (pacing.Kind == SandboxFaultKind.StallDownload)
                    {
                        trace.Dropped = true;
                        return;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
