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
    internal sealed class SeedanceTrace
    {
        public SeedanceTrace(SeedanceTraceLevel level, string message)
        {
            Level = level;
            Message = message;
        }

        /// <summary>Verbose or debug.</summary>
        public SeedanceTraceLevel Level { get; }

        public string Message { get; }

        /// <inheritdoc />
        public override string ToString() => Message;
    }
}
