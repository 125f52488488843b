using System;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Seedance.Benchmarks
{
    /// <summary>
    /// <c>Invoke-BareRequest</c>: the bare baseline's request (a shared HttpClient, the JSON parsed) made by a minimal
    /// binary cmdlet. It measures what PowerShell itself charges a cmdlet that waits on the network, which a bare C# loop
    /// never pays; the per-call rows compare the module with it too.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "BareRequest")]
    [OutputType(typeof(int))]
    public sealed class InvokeBareRequestCommand : Cmdlet
    {
        private static readonly HttpClient Http = new();

        /// <summary>The URL to GET, or to POST <see cref="Body"/> to.</summary>
        [Parameter(Mandatory = true)]
        public Uri Uri { get; set; } = null!;

        /// <summary>The bearer key.</summary>
        [Parameter(Mandatory = true)]
        public string Key { get; set; } = string.Empty;

        /// <summary>A JSON body: the request becomes a POST with a fresh idempotency key.</summary>
        [Parameter]
        public string? Body { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            using var message = new HttpRequestMessage(Body is null ? HttpMethod.Get : HttpMethod.Post, Uri);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            if (Body is not null)
            {
                message.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                message.Content = new StringContent(Body, Encoding.UTF8, "application/json");
            }

            using var response = Http.SendAsync(message).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
            using var document = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
            WriteObject(document.RootElement.ValueKind == JsonValueKind.Object ? 1 : 0);
        }
    }
}
