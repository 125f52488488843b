namespace Seedance
{
    /// <summary>Error codes: the API's own, and the client's for failures that happen on this side.</summary>
    public static class SeedanceErrorCodes
    {
        /// <summary>401: key missing, invalid or revoked.</summary>
        public const string Unauthorized = "unauthorized";
        /// <summary>400: bad input or unsupported field.</summary>
        public const string InvalidRequest = "invalid_request";
        /// <summary>402: the balance is too low.</summary>
        public const string InsufficientCredits = "insufficient_credits";
        /// <summary>429: over the account's rate limit.</summary>
        public const string RateLimited = "rate_limited";
        /// <summary>409: idempotency key reused with another body, or its first request still running.</summary>
        public const string IdempotencyConflict = "idempotency_conflict";
        /// <summary>503: temporary upstream problem.</summary>
        public const string ServiceBusy = "service_busy";
        /// <summary>404: no such task for this key's owner.</summary>
        public const string NotFound = "not_found";
        /// <summary>500: unexpected server failure.</summary>
        public const string InternalError = "internal_error";

        /// <summary>Client: a request that breaks a documented rule; nothing was sent.</summary>
        public const string InvalidParameter = "InvalidParameter";
        /// <summary>Client: the network failed (refused, reset, response lost) and retries did not help.</summary>
        public const string NetworkError = "NetworkError";
        /// <summary>Client: an attempt took longer than its timeout and retries did not help.</summary>
        public const string RequestTimeout = "RequestTimeout";
        /// <summary>Client: a task failed.</summary>
        public const string TaskFailed = "TaskFailed";
        /// <summary>Client: waiting for a task took longer than allowed.</summary>
        public const string WaitTimeout = "WaitTimeout";
        /// <summary>Client: a task has no video yet (it is still rendering, or it failed).</summary>
        public const string TaskNotCompleted = "TaskNotCompleted";
        /// <summary>Client: a result file could not be downloaded completely.</summary>
        public const string DownloadFailed = "DownloadFailed";
        /// <summary>Client: the file a result would be saved to exists and is not known to be that task's complete result.</summary>
        public const string FileExists = "FileExists";
        /// <summary>Client: a result cannot be saved at that path (a file where a folder must be, a folder that cannot be made, a link).</summary>
        public const string PathNotUsable = "PathNotUsable";
        /// <summary>Client: the configuration cannot be used (for example a key over plain http to a remote host).</summary>
        public const string InvalidConfiguration = "InvalidConfiguration";
        /// <summary>Module: no API key was found in any source (parameter, session, environment, vault).</summary>
        public const string ApiKeyNotFound = "ApiKeyNotFound";
        /// <summary>Module: the SecretManagement vault could not store or remove the key.</summary>
        public const string SecretVaultError = "SecretVaultError";
        /// <summary>Client: the API answered with something that is not its documented shape.</summary>
        public const string UnexpectedResponse = "UnexpectedResponse";
    }
}
