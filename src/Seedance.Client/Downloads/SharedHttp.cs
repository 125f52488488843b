using System;
using System.Net.Http;

namespace Seedance.Client.Downloads
{
    /// <summary>The pooled HttpClient of result files, shared by every download of the process.</summary>
    internal static class SharedHttp
    {
        private static readonly Lazy<HttpClient> LazyClient = new(() => new HttpClient(new HttpClientHandler { AllowAutoRedirect = true })
        {
            // A download may take long; each of its attempts has its own timeout.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        });

        public static HttpClient Client => LazyClient.Value;
    }
}
