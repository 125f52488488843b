using System;
using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Seedance.Sandbox.Http
{
    /// <summary>Writes JSON bodies, and the one error shape of the API: <c>{ "error": { "code", "message" } }</c>.</summary>
    internal static class JsonResponses
    {
        // Relaxed escaping keeps '&' in result URLs readable; the output is still valid JSON (and never HTML).
        private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static byte[] Build(Action<Utf8JsonWriter> write)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                write(writer);
            }

            return buffer.WrittenSpan.ToArray();
        }

        public static byte[] Error(string code, string message) => Build(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("code", code);
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndObject();
        });

        public static Task WriteAsync(HttpContext context, int status, byte[] body)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
        }

        public static Task WriteErrorAsync(HttpContext context, int status, string code, string message, int? retryAfterSeconds = null)
        {
            if (retryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            return WriteAsync(context, status, Error(code, message));
        }

        /// <summary>The contract's timestamp form: ISO-8601 UTC with milliseconds and <c>Z</c>.</summary>
        public static string Timestamp(DateTimeOffset at) =>
            at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
