namespace Seedance
{
    /// <summary>Why a task failed, as the API said it (a plain string or a <c>{code, message}</c> object).</summary>
    public sealed class SeedanceTaskError
    {
        /// <summary>Creates an error description.</summary>
        public SeedanceTaskError(string? code, string message)
        {
            Code = code;
            Message = message;
        }

        /// <summary>The API's error code, when it gave one.</summary>
        public string? Code { get; }

        /// <summary>The API's message.</summary>
        public string Message { get; }

        /// <inheritdoc />
        public override string ToString() => Code is null ? Message : $"{Code}: {Message}";
    }
}
