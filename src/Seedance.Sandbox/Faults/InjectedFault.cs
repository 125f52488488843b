using System;

namespace Seedance.Sandbox.Faults
{
    /// <summary>One fault as it hits one request.</summary>
    internal sealed record InjectedFault(SandboxFaultKind Kind, SandboxEndpoint Endpoint, TimeSpan Delay, long AfterBytes, int RetryAfterSeconds, long BodyBytes, Uri? Location)
    {
        /// <summary>True for faults that answer (or drop) before the request does anything.</summary>
        public bool StrikesBefore => Kind is SandboxFaultKind.ServiceBusy503
            or SandboxFaultKind.InternalErrorBeforeCreate500
            or SandboxFaultKind.DropConnectionBeforeCreate
            or SandboxFaultKind.RateLimited429
            or SandboxFaultKind.InvalidRequest400
            or SandboxFaultKind.Redirect307
            or SandboxFaultKind.Redirect302
            or SandboxFaultKind.UnauthorizedEchoingKey401;

        /// <summary>True for faults that always aim at downloads, whatever endpoint they were queued for.</summary>
        public static bool AimsAtDownloads(SandboxFaultKind kind) =>
            kind is SandboxFaultKind.CutDownload or SandboxFaultKind.StallDownload or SandboxFaultKind.DripDownload;
    }
}
