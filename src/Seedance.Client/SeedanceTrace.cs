namespace Seedance.Client
{
    /// <summary>How much a trace line matters: verbose lines tell what happens, debug lines show bodies.</summary>
    internal enum SeedanceTraceLevel
    {
        /// <summary>Requests, statuses, retries and waits.</summary>
        Verbose,

        /// <summary>Request and response bodies.</summary>
        Debug,
    }

    /// <summary>One line of what the client is doing. Never holds the API key.</summary>
    /// <param name="Level">Verbose or debug.</param>
    /// <param name="Message">The line, never with the API key in it.</param>
    internal sealed record SeedanceTrace(SeedanceTraceLevel Level, string Message)
    {
        /// <inheritdoc />
        public override string ToString() => Message;
    }
}
