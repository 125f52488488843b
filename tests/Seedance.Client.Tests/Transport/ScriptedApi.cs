using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>
    /// The API inside HttpClient: answers each request with the next step of a script (the last step repeats), and
    /// records what every attempt sent. No network and no waiting: with <see cref="VirtualTime"/> a call's retries run
    /// in virtual time.
    /// </summary>
    internal sealed class ScriptedApi : HttpMessageHandler
    {
        private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _script;

        public ScriptedApi(params Func<CancellationToken, Task<HttpResponseMessage>>[] script) => _script = new(script);

        public ConcurrentQueue<(string? IdempotencyKey, byte[] Body)> Sent { get; } = new();

        public static Func<CancellationToken, Task<HttpResponseMessage>> Answer(int status, string? code = null, TimeSpan? retryAfter = null) => _ =>
        {
            var body = code is null
                ? "{\"id\":\"sd2_scripted\",\"status\":\"processing\"}"
                : $"{{\"error\":{{\"code\":\"{code}\",\"message\":\"{code} happened\"}}}}";
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (retryAfter is { } wait)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
            }

            return Task.FromResult(response);
        };

        public static Func<CancellationToken, Task<HttpResponseMessage>> Fail(Exception fault) => _ => Task.FromException<HttpResponseMessage>(fault);

        /// <summary>An attempt that gets no answer until it is given up.</summary>
        public static Func<CancellationToken, Task<HttpResponseMessage>> Hang() => async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        };

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            Sent.Enqueue((request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null, body));
            var step = _script.Count > 1 ? _script.Dequeue() : _script.Peek();
            return await step(cancellationToken);
        }
    }
}
