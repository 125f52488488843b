using System;
using System.IO;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Seedance.Sandbox.Http;

namespace Seedance.Sandbox.Admin
{
    /// <summary>
    /// The sandbox's own endpoints under <c>/_sandbox/</c>: inspection (log, accounts) and control (faults,
    /// accounts). Loopback callers only; never rate limited; not in the request log.
    /// </summary>
    internal sealed class AdminHandler
    {
        private readonly SandboxState _state;

        public AdminHandler(SandboxState state) => _state = state;

        public async Task HandleAsync(HttpContext context, string path)
        {
            if (context.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
            {
                await JsonResponses.WriteErrorAsync(context, 403, "forbidden", "The sandbox admin endpoints answer loopback callers only.").ConfigureAwait(false);
                return;
            }

            var method = context.Request.Method;
            try
            {
                var body = (HttpMethods.IsGet(method), path) switch
                {
                    (true, "/_sandbox/health") => JsonResponses.Build(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("status", "ok");
                        w.WriteString("elsewhere", _state.ElsewhereUri.AbsoluteUri);
                        w.WriteEndObject();
                    }),
                    (true, "/_sandbox/log") => JsonResponses.Build(WriteLog),
                    (true, "/_sandbox/elsewhere") => JsonResponses.Build(WriteElsewhere),
                    (true, "/_sandbox/accounts") => JsonResponses.Build(w => WriteAccounts(w)),
                    (true, "/_sandbox/faults") => PendingFaults(),
                    (false, "/_sandbox/accounts") when HttpMethods.IsPost(method) => await AddAccountAsync(context).ConfigureAwait(false),
                    (false, "/_sandbox/accounts/revoke") when HttpMethods.IsPost(method) => await RevokeAsync(context).ConfigureAwait(false),
                    (false, "/_sandbox/faults") when HttpMethods.IsPost(method) => await AddFaultAsync(context).ConfigureAwait(false),
                    _ => null,
                };
                if (body is null)
                {
                    await JsonResponses.WriteErrorAsync(context, 404, "not_found", $"No sandbox endpoint {method} {path}.").ConfigureAwait(false);
                    return;
                }

                await JsonResponses.WriteAsync(context, 200, body).ConfigureAwait(false);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or FormatException or InvalidOperationException or System.Collections.Generic.KeyNotFoundException)
            {
                await JsonResponses.WriteErrorAsync(context, 400, "invalid_request", e.Message).ConfigureAwait(false);
            }
        }

        private void WriteLog(Utf8JsonWriter w)
        {
            w.WriteStartArray();
            foreach (var entry in _state.Log)
            {
                w.WriteStartObject();
                w.WriteString("method", entry.Method);
                w.WriteString("path", entry.Path);
                w.WriteNumber("status", entry.Status);
                w.WriteString("idempotency_key", entry.IdempotencyKey);
                w.WriteString("body_sha256", entry.BodySha256);
                w.WriteString("account", entry.Account);
                w.WriteString("at", JsonResponses.Timestamp(entry.At));
                w.WriteString("fault", entry.Fault?.ToString());
                w.WriteNumber("duration_ms", Math.Round(entry.Duration.TotalMilliseconds));
                w.WriteBoolean("hung_up", entry.HungUp);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        private void WriteElsewhere(Utf8JsonWriter w)
        {
            w.WriteStartArray();
            foreach (var entry in _state.ElsewhereLog)
            {
                w.WriteStartObject();
                w.WriteString("method", entry.Method);
                w.WriteString("path", entry.PathAndQuery);
                w.WriteBoolean("authorization_sent", entry.AuthorizationSent);
                w.WriteString("idempotency_key", entry.IdempotencyKey);
                w.WriteString("body_sha256", entry.BodySha256);
                w.WriteString("at", JsonResponses.Timestamp(entry.At));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        private void WriteAccounts(Utf8JsonWriter w, SandboxAccount? only = null)
        {
            if (only is null)
            {
                w.WriteStartArray();
            }

            foreach (var account in only is null ? _state.Accounts : new[] { only })
            {
                w.WriteStartObject();
                w.WriteString("name", account.Name);
                w.WriteNumber("balance", account.Balance);
                w.WriteBoolean("revoked", _state.IsRevoked(account));
                w.WriteStartArray("charges");
                foreach (var charge in account.Charges)
                {
                    w.WriteStartObject();
                    w.WriteString("task_id", charge.TaskId);
                    w.WriteString("idempotency_key", charge.IdempotencyKey);
                    w.WriteNumber("credits", charge.Credits);
                    w.WriteString("at", JsonResponses.Timestamp(charge.At));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("refunds");
                foreach (var refund in account.Refunds)
                {
                    w.WriteStartObject();
                    w.WriteString("task_id", refund.TaskId);
                    w.WriteNumber("credits", refund.Credits);
                    w.WriteString("at", JsonResponses.Timestamp(refund.At));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            if (only is null)
            {
                w.WriteEndArray();
            }
        }

        /// <summary><c>{ "api_key": "sk_test_…", "credits": 100, "name": "optional" }</c>.</summary>
        private async Task<byte[]> AddAccountAsync(HttpContext context)
        {
            using var document = await ReadAsync(context).ConfigureAwait(false);
            var root = document.RootElement;
            var account = _state.AddAccount(
                root.GetProperty("api_key").GetString() ?? string.Empty,
                root.TryGetProperty("credits", out var credits) ? credits.GetDecimal() : _state.Options.InitialCredits,
                root.TryGetProperty("name", out var name) ? name.GetString() : null);
            return JsonResponses.Build(w => WriteAccounts(w, account));
        }

        /// <summary><c>{ "api_key": "sk_test_…" }</c>.</summary>
        private async Task<byte[]> RevokeAsync(HttpContext context)
        {
            using var document = await ReadAsync(context).ConfigureAwait(false);
            var key = document.RootElement.GetProperty("api_key").GetString() ?? string.Empty;
            var account = _state.Account(key);
            _state.RevokeKey(key);
            return JsonResponses.Build(w => WriteAccounts(w, account));
        }

        /// <summary>
        /// <c>{ "kind": "ServiceBusy503", "count": 1, "endpoint": "Submit", "delay_seconds": 1.5, "after_bytes": 1000,
        /// "retry_after_seconds": 2, "body_bytes": 67108864, "location": "http://…" }</c>; only <c>kind</c> is required.
        /// </summary>
        private async Task<byte[]> AddFaultAsync(HttpContext context)
        {
            using var document = await ReadAsync(context).ConfigureAwait(false);
            var root = document.RootElement;
            var kind = Enum.Parse<SandboxFaultKind>(root.GetProperty("kind").GetString() ?? string.Empty, ignoreCase: true);
            var count = root.TryGetProperty("count", out var c) ? c.GetInt32() : 1;
            var endpoint = root.TryGetProperty("endpoint", out var e) ? Enum.Parse<SandboxEndpoint>(e.GetString() ?? string.Empty, ignoreCase: true) : SandboxEndpoint.Submit;
            TimeSpan? delay = root.TryGetProperty("delay_seconds", out var d) ? TimeSpan.FromSeconds(d.GetDouble()) : null;
            long? afterBytes = root.TryGetProperty("after_bytes", out var a) ? a.GetInt64() : null;
            int? retryAfter = root.TryGetProperty("retry_after_seconds", out var r) ? r.GetInt32() : null;
            long? bodyBytes = root.TryGetProperty("body_bytes", out var b) ? b.GetInt64() : null;
            var location = root.TryGetProperty("location", out var l) ? new Uri(l.GetString() ?? string.Empty, UriKind.RelativeOrAbsolute) : null;
            _state.Faults.Enqueue(kind, count, endpoint, delay, afterBytes, retryAfter, bodyBytes, location);
            return PendingFaults();
        }

        /// <summary><c>{ "pending": 2 }</c>: how many faulted requests are still to come (0 once each queued fault has struck).</summary>
        private byte[] PendingFaults() => JsonResponses.Build(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("pending", _state.Faults.Pending);
            w.WriteEndObject();
        });

        private static async Task<JsonDocument> ReadAsync(HttpContext context)
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            return JsonDocument.Parse(buffer.ToArray());
        }
    }
}
