using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Seedance.Client.RateLimiting;
using Seedance.Client.Requests;

namespace Seedance.Client.Http
{
    /// <summary>
    /// Sends a request through <see cref="ApiPipelines"/>: each attempt takes a slot from the account's
    /// <see cref="RateGovernor"/>, then goes out on the shared connection pool. The caller gets what it reads from the body
    /// of a success, or one <see cref="SeedanceException"/>; its cancellation stops everything at once.
    /// </summary>
    internal sealed class ApiRequestSender
    {
        // API calls follow no redirect: a body and its idempotency key never go to another address. Each attempt has its
        // own timeout, so the client has none.
        private static readonly Lazy<HttpClient> SharedApi = new(() => new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan });
        private readonly SeedanceClientOptions _options;
        private readonly ResiliencePipeline<ApiResponse> _call;
        private readonly ResiliencePipeline _attempt;
        private readonly HttpClient _http;

        public ApiRequestSender(SeedanceClientOptions options, HttpClient? http = null)
        {
            _options = options;
            _call = ApiPipelines.Call(options);
            _attempt = ApiPipelines.Attempt(options);
            _http = http ?? SharedApi.Value;
            Governor = RateGovernor.For(options);
        }

        public RateGovernor Governor { get; }

        public Task<T> SubmitAsync<T>(string idempotencyKey, byte[] body, Func<byte[], T> read, CancellationToken cancellationToken) =>
            SendAsync(() => new ApiCall(HttpMethod.Post, "api/v1/video/seedance2", body, idempotencyKey, null, _options), read, cancellationToken);

        public Task<T> GetTaskAsync<T>(string id, Func<byte[], T> read, CancellationToken cancellationToken) =>
            SendAsync(() => new ApiCall(HttpMethod.Get, "api/v1/tasks/" + Uri.EscapeDataString(id), null, null, id, _options), read, cancellationToken);

        /// <summary>
        /// Sends the call <paramref name="newCall"/> makes. When the API refuses the key and its source now holds another
        /// (<see cref="SeedanceClientOptions.RefreshApiKey"/>), the client goes on with that one, and a read is sent once
        /// more with it; a submit is not.
        /// </summary>
        private async Task<T> SendAsync<T>(Func<ApiCall> newCall, Func<byte[], T> read, CancellationToken cancellationToken)
        {
            var key = _options.ApiKey;
            var call = newCall();
            try
            {
                return await SendAsync(call, read, cancellationToken).ConfigureAwait(false);
            }
            catch (SeedanceException e) when (e.Status == HttpStatusCode.Unauthorized && _options.RefreshApiKey is not null && key is not null)
            {
                if (await _options.RefreshApiKey(key, cancellationToken).ConfigureAwait(false) is not { } refreshed)
                {
                    throw;
                }

                _options.ApiKey = HeaderValues.ApiKey(refreshed);
                if (call.IdempotencyKey is not null)
                {
                    call.Verbose("The API refused the key; its source holds another one, which the next submit uses. This one is not sent again: under another key it could be charged twice.");
                    throw;
                }

                call.Verbose($"The API refused the key; its source holds another one: {call.RequestLine} is sent once more with it.");
                return await SendAsync(newCall(), read, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<T> SendAsync<T>(ApiCall call, Func<byte[], T> read, CancellationToken cancellationToken)
        {
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(ApiCall.Key, call);
            try
            {
                var response = await _call.ExecuteAsync(AttemptAsync, context, call).ConfigureAwait(false);

                // A 429 whose pause outlasts the budget says so in the words every later call of the account gets.
                return response.IsSuccess
                    ? read(response.Body)
                    : throw ((int)response.Status == 429 ? Governor.PauseBeyond(call.Remaining) : null) ?? call.Failure(Outcome.FromResult(response));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && (call.BudgetSpent || RetryClassifier.IsLost(e, cancellationToken)))
            {
                throw call.Failure(call.Last);
            }
            catch (SeedanceException e) when (e.Request is null)
            {
                // The rate governor's pause, or an answer that is no task: named after this call.
                throw call.Error(e.ErrorCode, e.Message, e.Status, e, e.RetryAfter);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private async ValueTask<ApiResponse> AttemptAsync(ResilienceContext context, ApiCall call)
        {
            using var slot = await Governor.AcquireAsync(wait => call.Verbose(TraceFormatter.RateLimitWait(wait, Governor.RequestsPerWindow, Governor.Window)), call.Remaining, context.CancellationToken).ConfigureAwait(false);
            call.Attempts++;
            try
            {
                var response = await _attempt.ExecuteAsync(SendOnceAsync, context, call).ConfigureAwait(false);
                call.Last = Outcome.FromResult(response);
                call.ServerFailed |= (int)response.Status >= 500;
                if ((int)response.Status == 429)
                {
                    Governor.Pause(response.RetryAfter ?? TimeSpan.Zero);
                }

                call.Verbose(TraceFormatter.Response(call, response));
                return response;
            }
            catch (Exception e)
            {
                call.Last = Outcome.FromException<ApiResponse>(e);
                if (RetryClassifier.IsLost(e, context.CancellationToken))
                {
                    call.EarlierAttemptLost = true;
                    call.Verbose(TraceFormatter.Fault(call, e));
                }

                throw;
            }
        }

        private async ValueTask<ApiResponse> SendOnceAsync(ResilienceContext context, ApiCall call)
        {
            using var message = call.CreateMessage();
            var secret = call.Authorization.Parameter;
            if (call.Options.Trace is not null)
            {
                var body = message.Content is null ? null : await message.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                call.Debug(TraceFormatter.RequestDetail(message, body, secret));
            }

            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.CancellationToken).ConfigureAwait(false);
            var bytes = await ReadBodyAsync(response, call, context.CancellationToken).ConfigureAwait(false);
            call.Debug(TraceFormatter.ResponseDetail(response, bytes, secret));
            return new ApiResponse(response, bytes, call.Options.TimeProvider.GetUtcNow(), secret);
        }

        /// <summary>The whole body; past <see cref="ApiResponse.MaxBodyBytes"/>, an error that is never retried.</summary>
        private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, ApiCall call, CancellationToken cancellationToken)
        {
            if (response.Content.Headers.ContentLength is not > ApiResponse.MaxBodyBytes)
            {
                using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using var body = new MemoryStream();
                var chunk = new byte[16384];
                for (int read; body.Length <= ApiResponse.MaxBodyBytes; body.Write(chunk, 0, read))
                {
                    if ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) == 0)
                    {
                        return body.ToArray();
                    }
                }
            }

            throw call.Error(
                SeedanceErrorCodes.UnexpectedResponse,
                $"The API's answer to {call.RequestLine} ({(int)response.StatusCode}) is larger than {ApiResponse.MaxBodyBytes >> 20} MiB, as no API answer is: it was not read, and the request is not retried.",
                response.StatusCode);
        }
    }
}
