using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using Seedance.Binding;

namespace Seedance.Errors
{
    /// <summary>Turns client failures into ErrorRecords with stable ids (<c>Seedance.&lt;code&gt;</c>) and the category design.md gives.</summary>
    internal static class SeedanceErrorRecord
    {
        public static ErrorRecord From(SeedanceException exception, object? target) =>
            new(exception, "Seedance." + exception.ErrorCode, Category(exception), target ?? (object?)exception.Task ?? exception.TaskId ?? exception.Request);

        /// <summary>
        /// A request that breaks the API's rules (<c>Seedance.InvalidParameter</c>): the message names the PowerShell
        /// parameter of each problem, not only the API field, and the allowed values; the exception keeps every problem.
        /// </summary>
        public static ErrorRecord InvalidParameters(SeedanceValidationException exception, object target)
        {
            var record = From(exception, target);
            var lines = exception.Problems.Select(problem => $"Parameter -{RequestParameters.ParameterFor(problem.Field)} ({problem.Field}): {problem.Message}");
            record.ErrorDetails = new ErrorDetails("The request was not sent. " + string.Join(Environment.NewLine, lines))
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
