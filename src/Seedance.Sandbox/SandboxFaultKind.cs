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

        /// <summary>Answer <c>429 rate_limited</c> with the given <c>Retry-After</c> (as large as wanted); the request has no effect.</summary>
        RateLimited429,

        /// <summary>Wait the given delay before answering; a slow submit keeps its idempotency key in flight meanwhile.</summary>
        Slow,

        /// <summary>
        /// Answer <c>400 invalid_request</c> before doing anything, as the API would for a rule the client does not know yet.
        /// </summary>
        InvalidRequest400,

        /// <summary>Cut a download off after the given number of body bytes: the connection closes short of its Content-Length.</summary>
        CutDownload,

        /// <summary>
        /// A download sends its headers and the given number of body bytes, then nothing: it holds the connection until the
        /// client hangs up, the sandbox stops, or the given delay (when one was given) passes and the connection is cut.
        /// </summary>
        StallDownload,

        /// <summary>A download sends its headers and the given number of body bytes, then one byte per delay.</summary>
        DripDownload,

        /// <summary>
        /// Answer <c>307 Temporary Redirect</c> before doing anything, to the given location or else to the same path on the
        /// sandbox's other port (another host to the client), which answers anything as a hostile server would.
        /// </summary>
        Redirect307,

        /// <summary>As <see cref="Redirect307"/> with <c>302 Found</c>, which clients follow with a GET.</summary>
        Redirect302,

        /// <summary>
        /// Do the work (a submit creates and charges its task), then send the real answer preceded by the given number of
        /// bytes of JSON whitespace, chunked, with no Content-Length: a valid, huge JSON body.
        /// </summary>
        OversizedBody,

        /// <summary>
        /// Answer <c>401 unauthorized</c> before doing anything, with a message that echoes the presented key
        /// (<c>Incorrect API key provided: sk_…</c>), as some servers do.
        /// </summary>
        UnauthorizedEchoingKey401,
    }
}
