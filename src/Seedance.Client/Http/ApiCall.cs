using System;
using System.Net.Http.Headers;

namespace Seedance.Http
{
    /// <summary>One call in flight: the request, its Authorization header (built once from the key), and its history.</summary>
    internal sealed class ApiCall
    {
        public ApiCall(ApiRequest request, AuthenticationHeaderValue authorization, string requestLine, Action<SeedanceTrace>? trace, string authority, Action<string>? warning)
        {
            Request = request;
            Authorization = authorization;
            History = new AttemptHistory(request, requestLine, trace, authority, warning);
        }

        public ApiRequest Request { get; }

        public AuthenticationHeaderValue Authorization { get; }

        public AttemptHistory History { get; }
    }
}
