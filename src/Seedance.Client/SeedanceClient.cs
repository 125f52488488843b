using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Http;
using Seedance.Json;
using Seedance.Requests;

namespace Seedance
{
    /// <summary>The Seedance 2 API: submit video jobs and read tasks.</summary>
    public sealed class SeedanceClient
    {
        private const string SubmitPath = "api/v1/video/seedance2";
        private const string TaskPath = "api/v1/tasks/";
        private readonly SeedanceClientOptions _options;

        /// <summary>Creates a client; cheap, since the connection pool is shared by the whole process.</summary>
        public SeedanceClient(SeedanceClientOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _options.Validate();
        }

        /// <summary>A fresh idempotency key for one logical submit.</summary>
        public static string NewIdempotencyKey() => "sdps-" + Guid.NewGuid().ToString("N");

        /// <summary>Validates and submits one job; the task comes back <c>processing</c>.</summary>
        public async Task<SeedanceTask> SubmitAsync(VideoRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
        {
            var problems = VideoRequestValidator.Validate(request);
            if (problems.Count > 0)
            {
                throw new SeedanceValidationException(problems);
            }

            var key = idempotencyKey ?? NewIdempotencyKey();
            var task = await SubmitBodyAsync(key, RequestBody.Serialize(request), cancellationToken).ConfigureAwait(false);
            task.Prompt = request.Prompt;
            task.Resolution = request.Resolution;
            task.Duration = request.Duration;
            return task;
        }

        /// <summary>
        /// Sends a body that was submitted before, byte for byte, with its original idempotency key: the API answers with
        /// the original task and charges nothing new. This is how a submit whose response was lost is recovered.
        /// </summary>
        public Task<SeedanceTask> ResubmitAsync(string idempotencyKey, byte[] body, CancellationToken cancellationToken = default) =>
            SubmitBodyAsync(idempotencyKey, body, cancellationToken);

        private async Task<SeedanceTask> SubmitBodyAsync(string key, byte[] body, CancellationToken cancellationToken)
        {
            _options.Journal?.Submitting(key, body, _options.BaseUri, DateTimeOffset.UtcNow);
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.BaseUri, SubmitPath))
            {
                Content = new ByteArrayContent(body),
            };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            message.Headers.Add("Idempotency-Key", key);
            try
            {
                var task = await SendForTaskAsync(message, cancellationToken).ConfigureAwait(false);
                task.IdempotencyKey = key;
                _options.Journal?.Submitted(key, task);
                return task;
            }
            catch (SeedanceException e)
            {
                e.IdempotencyKey = key;
                throw;
            }
        }

        /// <summary>The task's current state.</summary>
        public async Task<SeedanceTask> GetTaskAsync(string id, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException("A task id is required.", nameof(id));
            }

            using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(_options.BaseUri, TaskPath + Uri.EscapeDataString(id)));
            try
            {
                var task = await SendForTaskAsync(message, cancellationToken).ConfigureAwait(false);
                _options.Journal?.Observed(task);
                return task;
            }
            catch (SeedanceException e)
            {
                e.TaskId = id;
                throw;
            }
        }

        private async Task<SeedanceTask> SendForTaskAsync(HttpRequestMessage message, CancellationToken cancellationToken)
        {
            var apiKey = _options.ApiKey ?? throw new SeedanceException(SeedanceErrorCodes.Unauthorized, "No API key was given.");
            message.Headers.Authorization = AuthorizationHeader.Bearer(apiKey);
            using var response = await SharedHttp.Client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return TaskMapper.Read(bytes);
            }

            var error = TaskMapper.ReadErrorEnvelope(bytes);
            throw new SeedanceException(
                error?.Code ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
                error?.Message ?? $"The API answered {(int)response.StatusCode} {response.ReasonPhrase}.",
                response.StatusCode)
            {
                Request = $"{message.Method} {message.RequestUri?.AbsolutePath}",
                RetryAfter = response.Headers.RetryAfter?.Delta,
            };
        }
    }
}
