using System;

namespace Seedance.Sandbox.Faults
{
    /// <summary>One fault as it hits one request.</summary>
    internal sealed record InjectedFault(SandboxFaultKind Kind, SandboxEndpoint Endpoint, TimeSpan Delay, long AfterBytes, int RetryAfterSeconds)
    {
        /// <summary>True for faults that answer (or drop) before the request does anything.</summary>
        public bool StrikesBefore => Kind is SandboxFaultKind.ServiceBusy503
            or SandboxFaultKind.InternalErrorBeforeCreate500
            or SandboxFaultKind.DropConnectionBeforeCreate
            or SandboxFaultKind.RateLimited429
            or SandboxFaultKind.InvalidRequest400;

        /// <summary>True for faults that let the request do its work and then spoil the answer.</summary>
        public bool StrikesAfter => Kind is SandboxFaultKind.InternalErrorAfterCreate500 or SandboxFaultKind.DropConnectionAfterCreate;
    }
}
