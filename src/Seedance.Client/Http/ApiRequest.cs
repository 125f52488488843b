using System;
using System.Net.Http;
using System.Net.Http.Headers;

namespace Seedance.Http
{
    /// <summary>
    /// One logical request to the API. A submit keeps its idempotency key and body bytes, and every attempt gets a fresh
    /// <see cref="HttpRequestMessage"/> carrying exactly those, so a retried POST can never become a second, different job.
    /// </summary>
    internal sealed class ApiRequest
    {
        private const string SubmitPath = "api/v1/video/seedance2";
        private const string TaskPath = "api/v1/tasks/";
        private readonly byte[]? _body;

        private ApiRequest(HttpMethod method, string path, byte[]? body, string? idempotencyKey, string? taskId)
        {
            Method = method;
            Path = path;
            _body = body;
            IdempotencyKey = idempotencyKey;
            TaskId = taskId;
        }

        public HttpMethod Method { get; }

        /// <summary>The path relative to the base URI.</summary>
        public string Path { get; }

        /// <summary>The idempotency key of a submit; null for reads.</summary>
        public string? IdempotencyKey { get; }

        /// <summary>The task a read concerns; null for submits.</summary>
        public string? TaskId { get; }

        /// <summary>True for the POST that creates (and pays for) a task.</summary>
        public bool IsSubmit => IdempotencyKey is not null;

        public static ApiRequest Submit(string idempotencyKey, byte[] body) => new(HttpMethod.Post, SubmitPath, body, idempotencyKey, null);

        public static ApiRequest GetTask(string id) => new(HttpMethod.Get, TaskPath + Uri.EscapeDataString(id), null, null, id);

        /// <summary>Method and path, never headers: <c>POST /api/v1/video/seedance2</c>.</summary>
        public string Describe(Uri baseUri) => $"{Method} {new Uri(baseUri, Path).AbsolutePath}";

        /// <summary>A new message for one attempt: the same key and the same body bytes every time.</summary>
        public HttpRequestMessage CreateMessage(Uri baseUri, AuthenticationHeaderValue authorization)
        {
            var message = new HttpRequestMessage(Method, new Uri(baseUri, Path));
            message.Headers.Authorization = authorization;
            if (_body is not null)
            {
                message.Content = new ByteArrayContent(_body);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            if (IdempotencyKey is not null)
            {
                message.Headers.Add("Idempotency-Key", IdempotencyKey);
            }

            return message;
        }
    }
}
