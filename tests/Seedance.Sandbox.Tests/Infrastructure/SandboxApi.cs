using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Seedance.Sandbox.Tests.Infrastructure
{
    /// <summary>Raw HTTP against a sandbox, the way any client of the real API would talk to it.</summary>
    public sealed class SandboxApi : IDisposable
    {
        public const string SubmitPath = "api/v1/video/seedance2";
        public const string ValidBody = "{\"prompt\":\"A glass train crossing a snowy bridge\"}";

        private readonly Uri _baseUri;

        public SandboxApi(SandboxHost host, string? apiKey = null)
        {
            _baseUri = host.BaseUri;
            ApiKey = apiKey ?? host.Options.ApiKey;
        }

        public string ApiKey { get; }

        public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

        public Uri Url(string relative) => new(_baseUri, relative);

        public HttpRequestMessage SubmitRequest(string body, string? idempotencyKey = null, string? apiKey = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Url(SubmitPath))
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + (apiKey ?? ApiKey));
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString("N"));
            return request;
        }

        public async Task<HttpResponseMessage> SubmitAsync(string body, string? idempotencyKey = null, string? apiKey = null)
        {
            using var request = SubmitRequest(body, idempotencyKey, apiKey);
            return await Http.SendAsync(request);
        }

        /// <summary>Submits a body that must be accepted, and returns the new task id.</summary>
        public async Task<string> SubmitAcceptedAsync(string body = ValidBody, string? idempotencyKey = null)
        {
            using var response = await SubmitAsync(body, idempotencyKey);
            var json = await ReadJsonAsync(response);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
            return json.GetProperty("id").GetString()!;
        }

        public async Task<HttpResponseMessage> GetTaskAsync(string id, string? apiKey = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url("api/v1/tasks/" + id));
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + (apiKey ?? ApiKey));
            return await Http.SendAsync(request);
        }

        /// <summary>Polls the task until it is no longer processing, and returns its last body.</summary>
        public async Task<JsonElement> WaitFinishedAsync(string id)
        {
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (true)
            {
                using var response = await GetTaskAsync(id);
                var json = await ReadJsonAsync(response);
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
                if (json.GetProperty("status").GetString() != "processing" || DateTime.UtcNow > deadline)
                {
                    return json;
                }

                await Task.Delay(50);
            }
        }

        public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
        {
            var text = await response.Content.ReadAsStringAsync();
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }

        /// <summary>Checks the one error shape of the contract and returns the message.</summary>
        public static async Task<string> AssertErrorAsync(HttpResponseMessage response, int status, string code)
        {
            Assert.Equal(status, (int)response.StatusCode);
            var json = await ReadJsonAsync(response);
            var error = json.GetProperty("error");
            Assert.Single(json.EnumerateObject());
            Assert.Equal(code, error.GetProperty("code").GetString());
            var message = error.GetProperty("message").GetString();
            Assert.False(string.IsNullOrWhiteSpace(message));
            Assert.Equal(2, CountProperties(error));
            return message!;
        }

        public void Dispose() => Http.Dispose();

        private static int CountProperties(JsonElement element)
        {
            var count = 0;
            foreach (var unused in element.EnumerateObject())
            {
                count++;
            }

            return count;
        }
    }
}
