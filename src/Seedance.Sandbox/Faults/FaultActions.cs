using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Seedance.Sandbox.Api;
using Seedance.Sandbox.Http;

namespace Seedance.Sandbox.Faults
{
    /// <summary>What an injected fault does to the HTTP exchange.</summary>
    internal static class FaultActions
    {
        private const int PaddingChunk = 64 * 1024;

        /// <summary>
        /// Answers or drops the request when the fault strikes before any work; true when it did. A redirect without a
        /// location of its own points at the same path and query under <paramref name="elsewhere"/>.
        /// </summary>
        public static async Task<bool> StrikeBeforeAsync(HttpContext context, RequestTrace trace, InjectedFault? fault, Uri elsewhere)
        {
            if (fault is not { StrikesBefore: true })
            {
                return false;
            }

            switch (fault.Kind)
            {
                case SandboxFaultKind.ServiceBusy503:
                    await JsonResponses.WriteErrorAsync(context, 503, "service_busy", "The service is busy; retry shortly.").ConfigureAwait(false);
                    break;
                case SandboxFaultKind.InternalErrorBeforeCreate500:
                    await JsonResponses.WriteErrorAsync(context, 500, "internal_error", "Unexpected server failure.").ConfigureAwait(false);
                    break;
                case SandboxFaultKind.RateLimited429:
                    await JsonResponses.WriteErrorAsync(context, 429, "rate_limited", "Too many requests.", Math.Max(1, fault.RetryAfterSeconds)).ConfigureAwait(false);
                    break;
                case SandboxFaultKind.InvalidRequest400:
                    await JsonResponses.WriteErrorAsync(context, 400, "invalid_request", "Invalid request body: a rule injected by the sandbox.").ConfigureAwait(false);
                    break;
                case SandboxFaultKind.UnauthorizedEchoingKey401:
                    var presented = context.Request.Headers.Authorization.ToString();
                    var key = presented.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? presented.Substring(7).Trim() : presented;
                    await JsonResponses.WriteErrorAsync(context, 401, "unauthorized", $"Incorrect API key provided: {key}. You can find your API key in the dashboard.").ConfigureAwait(false);
                    break;
                case SandboxFaultKind.Redirect307:
                case SandboxFaultKind.Redirect302:
                    var location = fault.Location ?? new Uri(elsewhere, context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString.Value);
                    context.Response.StatusCode = fault.Kind == SandboxFaultKind.Redirect307 ? 307 : 302;
                    context.Response.Headers.Location = location.AbsoluteUri;
                    context.Response.ContentLength = 0;
                    break;
                default:
                    Drop(context, trace);
                    break;
            }

            return true;
        }

        /// <summary>
        /// Sends the answer of a request that did its work, unless the fault spoils it: a 500 or a drop instead, or the
        /// answer preceded by a mountain of whitespace.
        /// </summary>
        public static Task AnswerAsync(HttpContext context, RequestTrace trace, InjectedFault? fault, StoredResponse response)
        {
            switch (fault?.Kind)
            {
                case SandboxFaultKind.InternalErrorAfterCreate500:
                    return JsonResponses.WriteErrorAsync(context, 500, "internal_error", "Unexpected server failure.");
                case SandboxFaultKind.DropConnectionAfterCreate:
                    Drop(context, trace);
                    return Task.CompletedTask;
                case SandboxFaultKind.OversizedBody:
                    return WritePaddedAsync(context, trace, response, fault.BodyBytes);
                default:
                    return JsonResponses.WriteAsync(context, response.Status, response.Body);
            }
        }

        public static void Drop(HttpContext context, RequestTrace trace)
        {
            trace.Dropped = true;
            context.Abort();
        }

        private static async Task WritePaddedAsync(HttpContext context, RequestTrace trace, StoredResponse response, long padding)
        {
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = "application/json; charset=utf-8";
            var spaces = new byte[PaddingChunk];
            spaces.AsSpan().Fill((byte)' ');
            for (long sent = 0; sent < padding;)
            {
                var take = (int)Math.Min(PaddingChunk, padding - sent);
                if (!await WriteAsync(context, trace, spaces.AsMemory(0, take)).ConfigureAwait(false))
                {
                    return;
                }

                sent += take;
            }

            await WriteAsync(context, trace, response.Body).ConfigureAwait(false);
        }

        /// <summary>
        /// Writes and flushes through the response pipe; false (and the trace marked) when the client has hung up, which
        /// Kestrel reports as a completed pipe rather than an error.
        /// </summary>
        public static async Task<bool> WriteAsync(HttpContext context, RequestTrace trace, ReadOnlyMemory<byte> bytes)
        {
            var result = await context.Response.BodyWriter.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
            if (result.IsCompleted || result.IsCanceled)
            {
                trace.HungUp = true;
                return false;
            }

            return true;
        }
    }
}
