using System;

namespace Seedance.Sandbox
{
    /// <summary>One request that reached the sandbox's other port, the stand-in for another host a redirect points at.</summary>
    /// <param name="Method">The HTTP method.</param>
    /// <param name="PathAndQuery">The path and query.</param>
    /// <param name="AuthorizationSent">True when the request carried an <c>Authorization</c> header (its value is never kept).</param>
    /// <param name="IdempotencyKey">The <c>Idempotency-Key</c> header, if any.</param>
    /// <param name="BodySha256">Lower-case hex SHA-256 of the request body, if it had one.</param>
    /// <param name="At">When the request arrived.</param>
    public sealed record ElsewhereRequest(string Method, string PathAndQuery, bool AuthorizationSent, string? IdempotencyKey, string? BodySha256, DateTimeOffset At);
}
