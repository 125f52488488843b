using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Seedance.Client.Tests.Downloads
{
    /// <summary>
    /// A result-file server inside HttpClient: serves one file with ETag and Range, can cut a transfer after some bytes,
    /// treats some URLs as expired (403), and records every request.
    /// </summary>
    internal sealed class FakeResultServer : HttpMessageHandler
    {
        private readonly byte[] _content;

        public FakeResultServer(byte[] content) => _content = content;

        public List<HttpRequestMessage> Requests { get; } = new();

        public HashSet<Uri> Expired { get; } = new();

        /// <summary>When set, the next response body breaks after this many bytes.</summary>
        public long? CutAfter { get; set; }

        /// <summary>When set, the next response body stops (without error) until the token is cancelled.</summary>
        public TaskCompletionSource<bool>? StallAfterFirstChunk { get; set; }

        /// <summary>When set, every response body stops after this many bytes until its attempt is given up; each stop is released on <see cref="Stalls"/>.</summary>
        public long? StallEveryAfter { get; set; }

        /// <summary>Counts the bodies that have stopped under <see cref="StallEveryAfter"/>.</summary>
        public SemaphoreSlim Stalls { get; } = new(0);

        /// <summary>When set, every body gives one byte per read and moves this clock on by the step first: a trickle.</summary>
        public (FakeTimeProvider Clock, TimeSpan Step)? Trickle { get; set; }

        public string ETag { get; set; } = "\"v1\"";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            if (Expired.Contains(request.RequestUri!))
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden));
            }

            long from = 0;
            var status = HttpStatusCode.OK;
            if (request.Headers.Range?.Ranges is { Count: 1 } ranges && (request.Headers.IfRange is null || request.Headers.IfRange.EntityTag?.Tag == ETag))
            {
                foreach (var range in ranges)
                {
                    from = range.From ?? 0;
                }

                status = HttpStatusCode.PartialContent;
            }

            var body = new CuttingStream(_content, (int)from, CutAfter, StallAfterFirstChunk) { StallAfter = StallEveryAfter, Stalls = Stalls, Trickle = Trickle };
            CutAfter = null;
            StallAfterFirstChunk = null;
            var response = new HttpResponseMessage(status) { Content = new StreamContent(body) };
            response.Headers.ETag = new EntityTagHeaderValue(ETag);
            response.Content.Headers.ContentLength = _content.Length - from;
            if (status == HttpStatusCode.PartialContent)
            {
                response.Content.Headers.ContentRange = new ContentRangeHeaderValue(from, _content.Length - 1, _content.Length);
            }

            return Task.FromResult(response);
        }

        private sealed class CuttingStream : Stream
        {
            private readonly byte[] _content;
            private readonly long? _cutAfter;
            private readonly TaskCompletionSource<bool>? _stall;
            private int _position;
            private long _sent;

            public CuttingStream(byte[] content, int from, long? cutAfter, TaskCompletionSource<bool>? stall)
            {
                _content = content;
                _position = from;
                _cutAfter = cutAfter;
                _stall = stall;
            }

            public long? StallAfter { get; init; }

            public SemaphoreSlim? Stalls { get; init; }

            public (FakeTimeProvider Clock, TimeSpan Step)? Trickle { get; init; }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                var count = buffer.Length;
                if (StallAfter is { } stallAt && _sent >= stallAt)
                {
                    Stalls!.Release();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                if (Trickle is { } trickle && _position < _content.Length)
                {
                    trickle.Clock.Advance(trickle.Step);
                    cancellationToken.ThrowIfCancellationRequested();
                    buffer.Span[0] = _content[_position++];
                    _sent++;
                    return 1;
                }

                if (_stall is not null && _sent > 0)
                {
                    _stall.TrySetResult(true);
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                if (_cutAfter is { } cut && _sent >= cut)
                {
                    throw new IOException("connection reset by the fake server");
                }

                var n = Math.Min(count, Math.Min(_content.Length - _position, 4096));
                if (_cutAfter is { } limit)
                {
                    n = (int)Math.Min(n, limit - _sent);
                }

                _content.AsMemory(_position, n).CopyTo(buffer);
                _position += n;
                _sent += n;
                return n;
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
