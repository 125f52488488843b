using System.Net;
using Seedance.Binding;

namespace Seedance.Errors
{
    /// <summary>Makes the ErrorRecords of client failures, with stable ids (<c>Seedance.&lt;code&gt;</c>) and the category design.md gives.</summary>
    internal static class ErrorRecords
    {
        /// <summary>
        /// Any failure of one item: the client's exceptions keep their own id; a raw .NET exception (an input nobody
        /// foresaw) is still a <c>Seedance.*</c> error for that item, so it never stops the other items.
        /// </summary>
        public static ErrorRecord For(Exception exception, object? target) => exception switch
        {
            SeedanceException failure => From(failure, target),
            ArgumentException or FormatException => new(exception, "Seedance." + SeedanceErrorCodes.InvalidParameter, ErrorCategory.InvalidArgument, target),
            UnauthorizedAccessException => new(exception, "Seedance.AccessDenied", ErrorCategory.PermissionDenied, target),
            IOException => new(exception, "Seedance.FileSystemError", ErrorCategory.WriteError, target),
            _ => new(exception, "Seedance.UnexpectedError", ErrorCategory.NotSpecified, target),
        };

        /// <summary>A missing key or an unusable configuration stops the command: no item could succeed without it.</summary>
        public static bool StopsTheCommand(Exception exception) =>
            exception is SeedanceException
            {
                ErrorCode: SeedanceErrorCodes.ApiKeyNotFound or SeedanceErrorCodes.InvalidConfiguration or SeedanceErrorCodes.SecretVaultError,
            };

        public static ErrorRecord From(SeedanceException exception, object? target) =>
            new(exception, "Seedance." + exception.ErrorCode, Category(exception), target ?? (object?)exception.Task ?? exception.TaskId ?? exception.Request);

        /// <summary>
        /// A request that breaks the API's rules (<c>Seedance.InvalidParameter</c>): the message names the PowerShell
        /// parameter of each problem, not only the API field, and the allowed values; the exception keeps every problem.
        /// <paramref name="what"/> names the request (a piped row: its position and prompt).
        /// </summary>
        public static ErrorRecord InvalidParameters(SeedanceValidationException exception, object? target, string? what = null)
        {
            var record = From(exception, target);
            var lines = exception.Problems.Select(problem => $"Parameter -{RequestParameters.ParameterFor(problem.Field)} ({problem.Field}): {problem.Message}");
            record.ErrorDetails = new ErrorDetails((what ?? "The request") + " was not sent. " + string.Join(Environment.NewLine, lines))
            {
                RecommendedAction = "Change the parameters named above; Get-Help New-SeedanceVideo -Parameter <name> lists the allowed values.",
            };
            return record;
        }

        private static ErrorCategory Category(SeedanceException exception) => exception.ErrorCode switch
        {
            SeedanceErrorCodes.InvalidParameter => ErrorCategory.InvalidArgument,
            SeedanceErrorCodes.InvalidConfiguration => ErrorCategory.InvalidOperation,
            SeedanceErrorCodes.ApiKeyNotFound => ErrorCategory.AuthenticationError,
            SeedanceErrorCodes.SecretVaultError => ErrorCategory.ResourceUnavailable,
            SeedanceErrorCodes.TaskFailed => ErrorCategory.InvalidResult,
            SeedanceErrorCodes.TaskNotCompleted => ErrorCategory.InvalidOperation,
            SeedanceErrorCodes.DownloadFailed => ErrorCategory.ReadError,
            SeedanceErrorCodes.FileExists => ErrorCategory.ResourceExists,
            SeedanceErrorCodes.PathNotUsable => ErrorCategory.WriteError,
            SeedanceErrorCodes.WaitTimeout or SeedanceErrorCodes.RequestTimeout => ErrorCategory.OperationTimeout,
            SeedanceErrorCodes.NetworkError => ErrorCategory.ConnectionError,
            SeedanceErrorCodes.UnexpectedResponse => ErrorCategory.InvalidData,
            _ => exception.Status switch
            {
                HttpStatusCode.Unauthorized => ErrorCategory.AuthenticationError,
                HttpStatusCode.BadRequest => ErrorCategory.InvalidArgument,
                HttpStatusCode.PaymentRequired => ErrorCategory.QuotaExceeded,
                HttpStatusCode.NotFound => ErrorCategory.ObjectNotFound,
                HttpStatusCode.Conflict => ErrorCategory.ResourceExists,
                (HttpStatusCode)429 => ErrorCategory.LimitsExceeded,
                HttpStatusCode.ServiceUnavailable => ErrorCategory.ResourceUnavailable,
                _ => ErrorCategory.NotSpecified,
            },
        };
    }
}
