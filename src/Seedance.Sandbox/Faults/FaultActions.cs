using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Seedance.Sandbox.Http;

namespace Seedance.Sandbox.Faults
{
    /// <summary>What an injected fault does to the HTTP exchange.</summary>
    internal static class FaultActions
    {
        /// <summary>Answers or drops the request when the fault strikes before any work; true when it did.</summary>
        public static async Task<bool> StrikeBeforeAsync(HttpContext context, RequestTrace trace, InjectedFault? fault)
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
                default:
                    Drop(context, trace);
                    break;
            }

            return true;
        }

        /// <summary>Spoils the answer of a request that did its work; true when it did.</summary>
        public static async Task<bool> StrikeAfterAsync(HttpContext context, RequestTrace trace, InjectedFault? fault)
        {
            if (fault is not { StrikesAfter: true })
            {
                return false;
            }

            if (fault.Kind == SandboxFaultKind.InternalErrorAfterCreate500)
            {
                await JsonResponses.WriteErrorAsync(context, 500, "internal_error", "Unexpected server failure.").ConfigureAwait(false);
            }
            else
            {
                Drop(context, trace);
            }

            return true;
        }

        public static void Drop(HttpContext context, RequestTrace trace)
        {
            trace.Dropped = true;
            context.Abort();
        }
    }
}
