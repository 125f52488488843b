namespace Seedance.Sandbox
{
    /// <summary>What an injected fault does to the request it hits.</summary>
    public enum SandboxFaultKind
    {
        /// <summary>Answer <c>503 service_busy</c>; the request has no effect.</summary>
        ServiceBusy503,

        /// <summary>Answer <c>500 internal_error</c> before doing anything.</summary>
        InternalErrorBeforeCreate500,

        /// <summary>Do the work (a submit creates and charges its task), then answer <c>500 internal_error</c>.</summary>
        InternalErrorAfterCreate500,

        /// <summary>Do the work (a submit creates and charges its task), then abort the connection with no response.</summary>
        DropConnectionAfterCreate,

        /// <summary>Abort the connection with no response before doing anything.</summary>
        DropConnectionBeforeCreate,

        /// <summary>Answer <c>429 rate_limited</c> with the given <c>Retry-After</c>; the request has no effect.</summary>
        RateLimited429,

        /// <summary>Wait the given delay before answering; a slow submit keeps its idempotency key in flight meanwhile.</summary>
        Slow,

        /// <summary>Cut a download off after the given number of body bytes: the connection closes short of its Content-Length.</summary>
        CutDownload,
    }
}
