using System;

namespace Seedance.Sandbox.Http
{
    /// <summary>What the request log learns about one request while it is handled.</summary>
    internal sealed record RequestTrace(string Method, string Path, string? IdempotencyKey, DateTimeOffset At)
    {
        public string? BodySha256 { get; set; }

        public string? Account { get; set; }

        public SandboxFaultKind? Fault { get; set; }

        /// <summary>True when the connection was aborted instead of answered.</summary>
        public bool Dropped { get; set; }

        /// <summary>True when the client closed the connection before the answer was complete.</summary>
        public bool HungUp { get; set; }

        public SandboxRequest ToRequest(int status, DateTimeOffset ended) =>
            new(Method, Path, Dropped ? 0 : status, IdempotencyKey, BodySha256, Account, At)
            {
                Fault = Fault,
                Duration = ended - At,
                HungUp = HungUp,
            };
    }
}
