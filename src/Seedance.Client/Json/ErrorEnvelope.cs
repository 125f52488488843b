namespace Seedance.Client.Json
{
    /// <summary>The one error shape: <c>{ "error": { "code": …, "message": … } }</c>.</summary>
    internal sealed class ErrorEnvelope
    {
        public ErrorBody? Error { get; set; }
    }

    /// <summary>The inside of <see cref="ErrorEnvelope"/>.</summary>
    internal sealed class ErrorBody
    {
        public string? Code { get; set; }
        public string? Message { get; set; }
    }
}
