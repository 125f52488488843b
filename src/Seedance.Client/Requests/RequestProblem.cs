namespace Seedance.Requests
{
    /// <summary>One broken rule in a request: the API field it concerns and what is wrong, with the allowed values.</summary>
    public sealed class RequestProblem
    {
        /// <summary>Creates a problem report.</summary>
        public RequestProblem(string field, string message)
        {
            Field = field;
            Message = message;
        }

        /// <summary>The API's name for the field (for example <c>quality_tier</c>).</summary>
        public string Field { get; }

        /// <summary>What is wrong and what is allowed.</summary>
        public string Message { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Field}: {Message}";
    }
}
