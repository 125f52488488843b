using System;

namespace Seedance.Sandbox
{
    /// <summary>One request the sandbox answered (or dropped), as the request log keeps it. Never holds an API key.</summary>
    /// <param name="Method">The HTTP method.</param>
    /// <param name="Path">The path, without the query.</param>
    /// <param name="Status">The status code sent; 0 when the connection was dropped without a response.</param>
    /// <param name="IdempotencyKey">The <c>Idempotency-Key</c> header, if any.</param>
    /// <param name="BodySha256">Lower-case hex SHA-256 of the request body, if it had one.</param>
    /// <param name="Account">The name of the account the key belongs to, if it was known.</param>
    /// <param name="At">When the request arrived.</param>
    public sealed record SandboxRequest(string Method, string Path, int Status, string? IdempotencyKey, string? BodySha256, string? Account, DateTimeOffset At)
    {
        /// <summary>The injected fault that hit the request, if one did.</summary>
        public SandboxFaultKind? Fault { get; init; }

        /// <summary>How long the sandbox spent on it, from arrival to the last byte sent, the drop, or the hang-up.</summary>
        public TimeSpan Duration { get; init; }

        /// <summary>
        /// True when the sandbox saw the client close the connection before the answer was complete: always during a stall
        /// or a drip, where it waits on the client; a client that stops reading a long body may be seen only too late.
        /// </summary>
        public bool HungUp { get; init; }
    }
}
