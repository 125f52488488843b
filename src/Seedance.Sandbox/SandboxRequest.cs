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
    public sealed record SandboxRequest(string Method, string Path, int Status, string? IdempotencyKey, string? BodySha256, string? Account, DateTimeOffset At);
}
