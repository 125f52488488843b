using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Seedance.Sandbox.Faults;
using Seedance.Sandbox.Http;

namespace Seedance.Sandbox.Api
{
    /// <summary>
    /// The two API endpoints. Order of checks on every request: fault that strikes first, key (401), rate limit
    /// (429, no effect), then the endpoint's own rules.
    /// </summary>
    internal sealed class ApiHandler
    {
        private static readonly System.Text.RegularExpressions.Regex TakesMarker =
            new(@"\[takes:(?<seconds>[0-9]+(\.[0-9]+)?)\]", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private readonly SandboxState _state;
        private readonly CancellationToken _stopping;

        public ApiHandler(SandboxState state, CancellationToken stopping)
        {
            _state = state;
            _stopping = stopping;
        }

        public async Task SubmitAsync(HttpContext context, RequestTrace trace)
        {
            var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
            trace.BodySha256 = Convert.ToHexStringLower(SHA256.HashData(body));
            var fault = _state.Faults.TryTake(SandboxEndpoint.Submit);
            trace.Fault = fault?.Kind;
            if (await FaultActions.StrikeBeforeAsync(context, trace, fault, _state.ElsewhereUri).ConfigureAwait(false))
            {
                return;
            }

            var slow = new SlowGate(fault, _stopping);
            var account = await AdmitAsync(context, trace).ConfigureAwait(false);
            if (account is null)
            {
                return;
            }

            var response = Precheck(context, trace, body, out var request, out var key, out var canonical)
                ?? await SubmitCheckedAsync(account, request!, key!, canonical!, slow).ConfigureAwait(false);
            await slow.PassAsync().ConfigureAwait(false);
            await FaultActions.AnswerAsync(context, trace, fault, response).ConfigureAwait(false);
        }

        public async Task GetTaskAsync(HttpContext context, RequestTrace trace, string id)
        {
            var fault = _state.Faults.TryTake(SandboxEndpoint.Task);
            trace.Fault = fault?.Kind;
            if (await FaultActions.StrikeBeforeAsync(context, trace, fault, _state.ElsewhereUri).ConfigureAwait(false))
            {
                return;
            }

            var account = await AdmitAsync(context, trace).ConfigureAwait(false);
            if (account is null)
            {
                return;
            }

            await new SlowGate(fault, _stopping).PassAsync().ConfigureAwait(false);
            StoredResponse response;
            lock (_state.Sync)
            {
                var task = _state.FindTaskLocked(id);
                if (task is null || task.Owner != account)
                {
                    response = new StoredResponse(404, JsonResponses.Error("not_found", $"Task '{id}' was not found."));
                }
                else
                {
                    var now = _state.Time.GetUtcNow();
                    account.SettleLocked(now);
                    var expires = (now + _state.Options.ResultUrlLifetime).ToUnixTimeMilliseconds();
                    response = new StoredResponse(200, TaskJson.Status(task, now, file => ResultUrl(task.Id, file, expires)));
                }
            }

            await FaultActions.AnswerAsync(context, trace, fault, response).ConfigureAwait(false);
        }

        /// <summary>Authenticates and counts the request against the account's rate limit; null when it was answered.</summary>
        private async Task<SandboxAccount?> AdmitAsync(HttpContext context, RequestTrace trace)
        {
            var header = context.Request.Headers.Authorization.ToString();
            string reason;
            SandboxAccount? account = null;
            if (header.Length == 0)
            {
                reason = "Missing API key: send 'Authorization: Bearer <key>'.";
            }
            else if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Substring(7).Trim().Length == 0)
            {
                reason = "Malformed Authorization header: expected 'Bearer <key>'.";
            }
            else
            {
                account = _state.Authenticate(header.Substring(7).Trim(), out reason);
            }

            if (account is null)
            {
                await JsonResponses.WriteErrorAsync(context, 401, "unauthorized", reason).ConfigureAwait(false);
                return null;
            }

            trace.Account = account.Name;
            int retryAfter;
            bool admitted;
            lock (_state.Sync)
            {
                admitted = account.Rate.TryAcquire(_state.Time.GetUtcNow(), _state.Options.RateLimitRequests, _state.Options.RateLimitWindow, out retryAfter);
            }

            if (!admitted)
            {
                var message = string.Create(CultureInfo.InvariantCulture, $"Too many requests: the limit is {_state.Options.RateLimitRequests} per {_state.Options.RateLimitWindow.TotalSeconds} seconds per account.");
                await JsonResponses.WriteErrorAsync(context, 429, "rate_limited", message, retryAfter).ConfigureAwait(false);
                return null;
            }

            return account;
        }

        /// <summary>The header and body rules of a submit; a 400 response when one is broken.</summary>
        private static StoredResponse? Precheck(HttpContext context, RequestTrace trace, byte[] body, out SubmitRequest? request, out string? key, out string? canonical)
        {
            request = null;
            canonical = null;
            key = trace.IdempotencyKey;
            if (string.IsNullOrWhiteSpace(key))
            {
                return Invalid("Header 'Idempotency-Key' is required on POST.");
            }

            if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
                || !contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return Invalid("Header 'Content-Type' must be application/json.");
            }

            if (!SubmitRules.TryParse(body, out var parsed, out var error))
            {
                return Invalid(error);
            }

            request = parsed;
            canonical = CanonicalJson.From(body);
            return null;
        }

        private async Task<StoredResponse> SubmitCheckedAsync(SandboxAccount account, SubmitRequest request, string key, string canonical, SlowGate slow)
        {
            IdempotencyRecord record;
            lock (_state.Sync)
            {
                if (account.Idempotency.TryGetValue(key, out var existing))
                {
                    if (existing.InFlight)
                    {
                        return Conflict($"A request with Idempotency-Key '{key}' is still being processed; retry later.");
                    }

                    return existing.CanonicalBody == canonical
                        ? existing.Response!
                        : Conflict($"Idempotency-Key '{key}' was already used with a different body.");
                }

                record = new IdempotencyRecord(canonical);
                account.Idempotency.Add(key, record);
            }

            StoredResponse? response = null;
            try
            {
                await slow.PassAsync().ConfigureAwait(false);
                response = Create(account, request, key);
                return response;
            }
            finally
            {
                lock (_state.Sync)
                {
                    if (response is { Status: 202 })
                    {
                        record.Response = response;
                    }
                    else
                    {
                        account.Idempotency.Remove(key);
                    }
                }
            }
        }

        private StoredResponse Create(SandboxAccount account, SubmitRequest request, string key)
        {
            var price = PriceTable.Price(request);
            lock (_state.Sync)
            {
                var now = _state.Time.GetUtcNow();
                var balance = account.BalanceLocked(now);
                if (balance < price)
                {
                    return new StoredResponse(402, JsonResponses.Error(
                        "insufficient_credits",
                        string.Create(CultureInfo.InvariantCulture, $"Not enough credits: this job costs {price} and the balance is {balance}.")));
                }

                var id = SandboxState.NewTaskId();
                var seed = request.Seed is >= 0 ? request.Seed.Value : (long)((ulong)Results.DeterministicBody.StableHash(id) % 4294967296UL);
                var task = new SandboxTask(id, account, request, price, key, now, now + ProcessingTime(request.Prompt), request.Prompt.Contains(_state.Options.FailMarker, StringComparison.Ordinal), seed);
                _state.AddTaskLocked(task);
                account.ChargeLocked(task);
                return new StoredResponse(202, TaskJson.Accepted(task));
            }
        }

        private TimeSpan ProcessingTime(string prompt)
        {
            var marker = TakesMarker.Match(prompt);
            if (marker.Success)
            {
                return TimeSpan.FromSeconds(double.Parse(marker.Groups["seconds"].Value, CultureInfo.InvariantCulture));
            }

            return _state.Options.ProcessingTimeSelector?.Invoke(prompt) ?? _state.Options.ProcessingTime;
        }

        private Uri ResultUrl(string taskId, string file, long expiresUnixMs)
        {
            var signature = _state.Signer.Sign(taskId, file, expiresUnixMs);
            return new Uri(_state.BaseUri, string.Create(CultureInfo.InvariantCulture, $"results/{taskId}/{file}?expires={expiresUnixMs}&signature={signature}"));
        }

        private static StoredResponse Invalid(string message) => new(400, JsonResponses.Error("invalid_request", message));

        private static StoredResponse Conflict(string message) => new(409, JsonResponses.Error("idempotency_conflict", message));

        private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }
}
