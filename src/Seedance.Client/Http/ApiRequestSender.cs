using System;
using System.IO;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Timeout;
using Seedance.RateLimiting;

namespace Seedance.Http
{
    /// <summary>
    /// Sends one logical request: each attempt takes a slot from the account's <see cref="RateGovernor"/>, goes out on the
    /// shared connection pool with its own timeout, and is traced; the pipeline from
    /// <see cref="ResiliencePipelineFactory"/> decides the retries; the caller gets the body of a success or one
    /// <see cref="SeedanceException"/>. The caller's cancellation stops everything at once and surfaces unwrapped.
    /// </summary>
    internal sealed class ApiRequestSender
    {
        private readonly SeedanceClientOptions _options;
        private readonly RateGovernor _governor;
        private readonly ResiliencePipeline<ApiResponse> _pipeline;

        public ApiRequestSender(SeedanceClientOptions options)
        {
            _options = options;
            _governor = RateGovernor.For(options);
            _pipeline = ResiliencePipelineFactory.For(options);
        }

        /// <summary>The body of the successful answer to <paramref name="request"/>.</summary>
        public async Task<byte[]> SendAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            var apiKey = _options.ApiKey ?? throw new SeedanceException(SeedanceErrorCodes.Unauthorized, "No API key was given.");
            var call = new ApiCall(request, AuthorizationHeader.Bearer(apiKey), request.Describe(_options.BaseUri), _options.Trace, _options.BaseUri.Authority, _options.Warning);
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            Outcome<ApiResponse> outcome;
            try
            {
                context.Properties.Set(ResiliencePipelineFactory.HistoryKey, call.History);
                outcome = await _pipeline.ExecuteOutcomeAsync((ctx, state) => AttemptAsync(state, ctx.CancellationToken), context, call).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            if (outcome.Exception is { } exception)
            {
                if (exception is OperationCanceledException canceled && cancellationToken.IsCancellationRequested && canceled.CancellationToken != cancellationToken)
                {
                    throw new OperationCanceledException(canceled.Message, canceled, cancellationToken);
                }

                if (exception is SeedanceException seedance)
                {
                    SeedanceExceptionFactory.Decorate(seedance, call.History);
                }

                if (!RetryClassifier.IsLost(exception, cancellationToken))
                {
                    ExceptionDispatchInfo.Capture(exception).Throw();
                }

                throw SeedanceExceptionFactory.FromFault(call.History, exception);
            }

            var response = outcome.Result!;
            if (response.IsSuccess)
            {
                return response.Body;
            }

            throw (int)response.Status == 429 && _governor.PauseBeyond(RemainingBudget(call.History)) is { } pause
                ? SeedanceExceptionFactory.Decorate(pause, call.History)
                : SeedanceExceptionFactory.FromResponse(call.History, response);
        }

        private async ValueTask<Outcome<ApiResponse>> AttemptAsync(ApiCall call, CancellationToken cancellationToken)
        {
            var history = call.History;
            try
            {
                using var slot = await _governor.AcquireAsync(WaitingForSlot, RemainingBudget(history), cancellationToken).ConfigureAwait(false);
                history.Attempts++;
                var response = await SendOnceAsync(call, cancellationToken).ConfigureAwait(false);
                history.ServerFailed |= (int)response.Status >= 500;
                if ((int)response.Status == 429)
                {
                    _governor.Pause(response.RetryAfter ?? TimeSpan.Zero);
                }

                Trace(SeedanceTraceLevel.Verbose, TraceFormatter.Response(history, response));

                return Outcome.FromResult(response);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                if (RetryClassifier.IsLost(e, cancellationToken))
                {
                    history.EarlierAttemptLost = true;
                    Trace(SeedanceTraceLevel.Verbose, TraceFormatter.Fault(history, e));
                }

                return Outcome.FromException<ApiResponse>(e);
            }
            catch (OperationCanceledException e)
            {
                return Outcome.FromException<ApiResponse>(e);
            }
        }

        /// <summary>
        /// One attempt within <see cref="SeedanceClientOptions.AttemptTimeout"/>, the whole body read before it ends. The
        /// clock starts once the rate slot is held, so a wait for the governor never counts as a slow server; an attempt cut
        /// short by it becomes Polly's <see cref="TimeoutRejectedException"/>, which the classifier treats as lost.
        /// </summary>
        private async Task<ApiResponse> SendOnceAsync(ApiCall call, CancellationToken cancellationToken)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(_options.AttemptTimeout);
            using var message = call.Request.CreateMessage(_options.BaseUri, call.Authorization);
            if (_options.Trace is not null)
            {
                var body = message.Content is null ? null : await message.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                Trace(SeedanceTraceLevel.Debug, TraceFormatter.RequestDetail(message, body, call.Authorization.Parameter));
            }

            try
            {
                using var response = await SharedHttp.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
                using var buffer = new MemoryStream();
                using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                {
                    await stream.CopyToAsync(buffer, 81920, attempt.Token).ConfigureAwait(false);
                }

                var bytes = buffer.ToArray();
                if (_options.Trace is not null)
                {
                    Trace(SeedanceTraceLevel.Debug, TraceFormatter.ResponseDetail(response, bytes, call.Authorization.Parameter));
                }

                return ApiResponse.From(response, bytes, DateTimeOffset.UtcNow);
            }
            catch (Exception e) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutRejectedException($"No answer within {TraceFormatter.Seconds(_options.AttemptTimeout)}.", _options.AttemptTimeout, e);
            }
        }

        /// <summary>How long this call may still wait: a server-requested pause longer than that fails it at once.</summary>
        private TimeSpan RemainingBudget(AttemptHistory history) =>
            _options.RetryBudget > history.Elapsed ? _options.RetryBudget - history.Elapsed : TimeSpan.Zero;

        private void WaitingForSlot(TimeSpan wait) =>
            Trace(SeedanceTraceLevel.Verbose, TraceFormatter.RateLimitWait(wait, _governor.RequestsPerWindow, _governor.Window));

        private void Trace(SeedanceTraceLevel level, string message) => _options.Trace?.Invoke(new SeedanceTrace(level, message));
    }
}
