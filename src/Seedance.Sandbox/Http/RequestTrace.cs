using System;

namespace Seedance.Sandbox.Http
{
    /// <summary>What the request log learns about one request while it is handled.</summary>
    internal sealed class RequestTrace
    {
        public RequestTrace(string method, string path, string? idempotencyKey, DateTimeOffset at)
        {
            Method = method;
            Path = path;
            IdempotencyKey = idempotencyKey;
            At = at;
        }

        public string Method { get; }

        public string Path { get; }

        public string? IdempotencyKey { get; }

        public DateTimeOffset At { get; }

        public string? BodySha256 { get; set; }

        public string? Account { get; set; }

        /// <summary>True when the connection was aborted instead of answered.</summary>
        public bool Dropped { get; set; }

        public SandboxRequest ToRequest(int status) =>
            new(Method, Path, Dropped ? 0 : status, IdempotencyKey, BodySha256, Account, At);
    }
}
