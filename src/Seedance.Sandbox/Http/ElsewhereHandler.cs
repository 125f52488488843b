using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Seedance.Sandbox.Http
{
    /// <summary>
    /// The sandbox's other port: another host to a client that follows a redirect. It answers every request as a hostile
    /// server would, a POST with <c>202</c> and anything else with <c>200</c>, each with a task no account paid for, and
    /// logs what it received.
    /// </summary>
    internal sealed class ElsewhereHandler
    {
        /// <summary>The id of the task every answer carries.</summary>
        public const string TaskId = "sd2_elsewhere00000000000";

        private static readonly byte[] Task = JsonResponses.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", TaskId);
            w.WriteString("status", "processing");
            w.WriteString("model", "seedance2");
            w.WriteString("quality_tier", "standard");
            w.WriteString("channel", "standard");
            w.WriteNumber("credits_used", 30);
            w.WriteEndObject();
        });

        private readonly SandboxState _state;

        public ElsewhereHandler(SandboxState state) => _state = state;

        public async Task HandleAsync(HttpContext context)
        {
            var request = context.Request;
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            var key = request.Headers["Idempotency-Key"].ToString();
            _state.RecordElsewhere(new ElsewhereRequest(
                request.Method,
                request.Path.Value + request.QueryString.Value,
                request.Headers.Authorization.Count > 0,
                key.Length == 0 ? null : key,
                buffer.Length == 0 ? null : Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray())),
                _state.Time.GetUtcNow()));
            await JsonResponses.WriteAsync(context, HttpMethods.IsPost(request.Method) ? 202 : 200, Task).ConfigureAwait(false);
        }
    }
}
