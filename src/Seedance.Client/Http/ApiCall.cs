using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using Polly;
using Polly.Timeout;

namespace Seedance.Client.Http
{
    /// <summary>
    /// One logical request and what its attempts have met, carried through the Polly pipelines in the resilience context.
    /// Every attempt of a submit gets a fresh message with the same idempotency key and the same body bytes, so a retried
    /// POST can never become a second, different job. The call makes its one <see cref="SeedanceException"/>, with every
    /// field, when it does not succeed.
    /// </summary>
    internal sealed class ApiCall
    {
        public static readonly ResiliencePropertyKey<ApiCall> Key = new("Seedance.ApiCall");
        private readonly HttpMethod _method;
        private readonly Uri _address;
        private readonly byte[]? _body;
        private readonly long _started;

        public ApiCall(HttpMethod method, string path, byte[]? body, string? idempotencyKey, string? taskId, SeedanceClientOptions options)
        {
            _method = method;
            _body = body;
            IdempotencyKey = idempotencyKey;
            TaskId = taskId;
            Options = options;
            Authorization = AuthorizationHeader.Bearer(options.ApiKey ?? throw new SeedanceException(SeedanceErrorCodes.Unauthorized, "No API key was given."));
            _address = Address(options.BaseUri, path);
            RequestLine = $"{method} {_address.AbsolutePath}";
            _started = options.TimeProvider.GetTimestamp();
        }

        public SeedanceClientOptions Options { get; }

        public string? IdempotencyKey { get; }

        public string? TaskId { get; }

        public AuthenticationHeaderValue Authorization { get; }

        /// <summary>Method and path, never headers: <c>POST /api/v1/video/seedance2</c>.</summary>
        public string RequestLine { get; }

        public int Attempts { get; set; }

        /// <summary>True once an attempt timed out or lost its connection: the server may still be working on it.</summary>
        public bool EarlierAttemptLost { get; set; }

        /// <summary>True once an attempt was answered 5xx: the server may have acted on it before it failed.</summary>
        public bool ServerFailed { get; set; }

        /// <summary>The latest attempt's outcome: what the error reports when the budget ends the call during a wait.</summary>
        public Outcome<ApiResponse>? Last { get; set; }

        public bool BudgetSpent { get; set; }

        public TimeSpan Elapsed => Options.TimeProvider.GetElapsedTime(_started);

        /// <summary>What is left of the retry budget: the longest pause of the account this call may wait out.</summary>
        public TimeSpan Remaining => Options.RetryBudget > Elapsed ? Options.RetryBudget - Elapsed : TimeSpan.Zero;

        public static ApiCall Of(ResilienceContext context) => context.Properties.GetValue(Key, null!);

        /// <summary>Where <paramref name="path"/> is under <paramref name="baseUri"/>, whose own path is kept: <c>http://host/proxy</c> gives <c>http://host/proxy/api/…</c>.</summary>
        public static Uri Address(Uri baseUri, string path) =>
            new(baseUri.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? baseUri : new Uri(baseUri.GetLeftPart(UriPartial.Path) + "/"), path);

        public HttpRequestMessage CreateMessage()
        {
            var message = new HttpRequestMessage(_method, _address);
            message.Headers.Authorization = Authorization;
            if (_body is not null)
            {
                message.Content = new ByteArrayContent(_body);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                message.Headers.Add("Idempotency-Key", IdempotencyKey);
            }

            return message;
        }

        public void Verbose(string line) => Options.Trace?.Invoke(new SeedanceTrace(SeedanceTraceLevel.Verbose, line));

        public void Debug(string line) => Options.Trace?.Invoke(new SeedanceTrace(SeedanceTraceLevel.Debug, line));

        /// <summary>The error for an outcome that is not a success: the API's error, a redirect, or what ended the attempts.</summary>
        public SeedanceException Failure(Outcome<ApiResponse>? outcome)
        {
            var spent = BudgetSpent ? $" The retry budget of {TraceFormatter.Seconds(Options.RetryBudget)} ran out after {Counted(Attempts)}." : string.Empty;
            if (outcome?.Result is { IsRedirect: true } redirect)
            {
                return Error(
                    SeedanceErrorCodes.UnexpectedResponse,
                    $"The API answered {(int)redirect.Status} {redirect.ReasonPhrase}, redirecting to '{redirect.Location}'; API calls follow no redirect. Check the base URI (Set-SeedanceConfiguration -BaseUri, SEEDANCE_BASE_URI).",
                    redirect.Status);
            }

            if (outcome?.Result is { } response)
            {
                var message = response.Error?.Message is { Length: > 0 } text ? text : $"The API answered {(int)response.Status} {response.ReasonPhrase}.";
                return Error(response.ErrorCode, message + spent, response.Status, retryAfter: response.RetryAfter);
            }

            // An attempt the budget cut short ends in an OperationCanceledException: it met no fault of its own to report.
            if (outcome?.Exception is { } fault and not OperationCanceledException)
            {
                var code = fault is TimeoutRejectedException ? SeedanceErrorCodes.RequestTimeout : SeedanceErrorCodes.NetworkError;
                return Error(code, $"{RequestLine} failed after {Counted(Attempts)}: {RetryClassifier.DescribeFault(fault, this)}.{spent}", inner: fault);
            }

            return Error(SeedanceErrorCodes.RequestTimeout, Attempts == 0 ? $"{RequestLine} was not sent: the account's request budget (Set-SeedanceConfiguration -RateLimit) had no free slot within the retry budget of {TraceFormatter.Seconds(Options.RetryBudget)}."
                : $"{RequestLine} got no answer from {Options.BaseUri.Authority} within the retry budget of {TraceFormatter.Seconds(Options.RetryBudget)} ({Counted(Attempts)}).");
        }

        /// <summary>
        /// An error about this call, naming its request, idempotency key and task. It is a refusal when the API certainly
        /// did nothing with the call: its last answer was 4xx (or none left this machine) and no attempt went unanswered
        /// or was answered 5xx. A submit that was no refusal may have made its task, and says how to find it (or to send it, when no attempt left).
        /// </summary>
        public SeedanceException Error(string code, string message, HttpStatusCode? status = null, Exception? inner = null, TimeSpan? retryAfter = null)
        {
            var refused = status is { } answered && (int)answered is >= 400 and < 500 && !EarlierAttemptLost && !ServerFailed;
            var recovery = IdempotencyKey is null || refused ? string.Empty : Attempts == 0 ? $" Get-SeedanceTask -Unconfirmed | Resume-SeedanceTask sends it later, once (idempotency key {IdempotencyKey})."
                : $" The task may exist: Get-SeedanceTask -Unconfirmed | Resume-SeedanceTask finds it without paying twice (idempotency key {IdempotencyKey}).";
            return new SeedanceException(code, message + recovery, status, inner, retryAfter, RequestLine, IdempotencyKey, TaskId, refused: refused);
        }

        private static string Counted(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";
    }
}
