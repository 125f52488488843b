using System;
using System.Net.Http;

namespace Seedance.Http
{
    /// <summary>The one pooled HttpClient of the process, shared by every client, cmdlet and runspace.</summary>
    internal static class SharedHttp
    {
        private static readonly Lazy<HttpClient> LazyClient = new(() => new HttpClient(new HttpClientHandler { AllowAutoRedirect = true })
        {
            // Each attempt has its own timeout (SeedanceClientOptions.AttemptTimeout); downloads may take long.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        });

        public static HttpClient Client => LazyClient.Value;
    }
}
