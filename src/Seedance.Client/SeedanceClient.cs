using System;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Client.Http;
using Seedance.Client.Json;
using Seedance.Client.Requests;

namespace Seedance.Client
{
    /// <summary>The Seedance 2 API: submit video jobs and read tasks.</summary>
    internal sealed class SeedanceClient
    {
        private readonly SeedanceClientOptions _options;
        private readonly ApiRequestSender _sender;

        /// <summary>
        /// Creates a client; cheap, since the connection pool and the account's <see cref="RateLimiting.RateGovernor"/> are
        /// shared by the whole process.
        /// </summary>
        public SeedanceClient(SeedanceClientOptions options)
        {
            _options = (options ?? throw new ArgumentNullException(nameof(options))).Copy();
            _options.Validate();
            if (_options.ApiKey is { } key)
            {
                _options.ApiKey = HeaderValues.ApiKey(key);
            }

            _sender = new ApiRequestSender(_options);
        }

        /// <summary>The request budget this client shares with every client of the same account in the process.</summary>
        public RateLimiting.RateGovernor RateGovernor => _sender.Governor;

        /// <summary>The options this client was made with: downloads follow its attempt timeout and retry settings.</summary>
        internal SeedanceClientOptions Options => _options;

        /// <summary>Where this client records submissions and what it learns about tasks; null when journaling is off.</summary>
        internal Journal.ITaskJournal? Journal => _options.Journal;

        /// <summary>A fresh idempotency key for one logical submit.</summary>
        public static string NewIdempotencyKey() => "sdps-" + Guid.NewGuid().ToString("N");

        /// <summary>Validates and submits one job; the task comes back <c>processing</c>.</summary>
        public Task<SeedanceTask> SubmitAsync(VideoRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
            SubmitBodyAsync(idempotencyKey ?? NewIdempotencyKey(), RequestBody.Serialize(request), cancellationToken);

        /// <summary>
        /// Submits exact body bytes: those <see cref="RequestBody.Serialize"/> made (validated and canonical), or those the
        /// journal kept of a submit whose response was lost; sent again with its original idempotency key, such a body
        /// makes the API answer with the original task and charge nothing new.
        /// </summary>
        public Task<SeedanceTask> SubmitAsync(string idempotencyKey, byte[] body, CancellationToken cancellationToken = default) =>
            SubmitBodyAsync(idempotencyKey ?? throw new ArgumentNullException(nameof(idempotencyKey)), body ?? throw new ArgumentNullException(nameof(body)), cancellationToken);

        /// <summary>
        /// Journals the key and body, sends them, journals the API's answer, and returns it filled in with what the body
        /// asked for (the API does not echo the prompt, the resolution or the duration).
        /// </summary>
        private async Task<SeedanceTask> SubmitBodyAsync(string key, byte[] body, CancellationToken cancellationToken)
        {
            if (HeaderValues.IdempotencyKeyProblem(key) is { } problem)
            {
                throw new SeedanceValidationException(new[] { problem }, key);
            }

            var at = DateTimeOffset.UtcNow;
            var endpoint = _options.Endpoint;
            _options.Journal?.Submitting(key, body, endpoint, at);
            SeedanceTask task;
            try
            {
                task = await _sender.SubmitAsync(key, body, json => TaskMapper.Read(json, endpoint), cancellationToken).ConfigureAwait(false);
            }
            catch (SeedanceException e)
            {
                if (e.Refused)
                {
                    _options.Journal?.Refused(key, Refusal(e));
                }

                throw;
            }

            _options.Journal?.Submitted(key, task);
            return task.FillFrom(RequestBody.ReadBack(body, key, at, endpoint));
        }

        /// <summary>Why the API refused a submit, in the module's words: the server's own text may echo the key, so it is not kept.</summary>
        private static SeedanceTaskError Refusal(SeedanceException refused) =>
            new(refused.ErrorCode, $"The API refused the submission ({(int?)refused.Status} {refused.ErrorCode}): it created no task and charged nothing. Fix the cause and submit again; Resume-SeedanceTask never resends it.");

        /// <summary>The task's current state.</summary>
        public async Task<SeedanceTask> GetTaskAsync(string id, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                // A Seedance error, not an ArgumentException: a waiter reports it for this id and waits on for the others.
                throw new SeedanceException(SeedanceErrorCodes.InvalidParameter, $"'{id}' is not a task id: it is blank. Give the id New-SeedanceVideo returned (for example sd2_...).");
            }

            var task = await _sender.GetTaskAsync(id, json => TaskMapper.Read(json, _options.Endpoint), cancellationToken).ConfigureAwait(false);
            if (!string.Equals(task.Id, id, StringComparison.Ordinal))
            {
                // Another task's state is no answer about this one, and journaling it would file it under the wrong task.
                throw new SeedanceException(SeedanceErrorCodes.UnexpectedResponse, $"The API answered the read of task {id} with task {task.Id}; nothing was recorded.", taskId: id);
            }

            _options.Journal?.Observed(task);
            return task;
        }
    }
}
