using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Seedance.Sandbox.Tests.Infrastructure;
using Xunit;

namespace Seedance.Sandbox.Tests
{
    /// <summary>Every documented submit rule, accepted and rejected, from <see cref="SubmitBodyCases"/>.</summary>
    public sealed class SubmitValidationTests : IAsyncLifetime
    {
        private TestSandbox _sandbox = null!;

        public static IEnumerable<object?[]> Cases() =>
            SubmitBodyCases.All().Select(c => new object?[] { c.Name, c.Body, c.RejectedField });

        public async Task InitializeAsync() => _sandbox = await TestSandbox.StartAsync();

        public async Task DisposeAsync() => await _sandbox.DisposeAsync();

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task Submit_body_is_accepted_or_rejected_naming_the_field(string name, string body, string? rejectedField)
        {
            var before = _sandbox.Host.Account(_sandbox.Api.ApiKey).Charges.Count;

            using var response = await _sandbox.Api.SubmitAsync(body);

            if (rejectedField is null)
            {
                Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{name}: {await response.Content.ReadAsStringAsync()}");
                Assert.Equal(before + 1, _sandbox.Host.Account(_sandbox.Api.ApiKey).Charges.Count);
            }
            else
            {
                var message = await SandboxApi.AssertErrorAsync(response, 400, "invalid_request");
                Assert.Contains(rejectedField, message, StringComparison.Ordinal);
                Assert.Equal(before, _sandbox.Host.Account(_sandbox.Api.ApiKey).Charges.Count);
            }
        }

        [Fact]
        public void Case_table_has_an_accepted_and_a_rejected_body_for_every_field()
        {
            var cases = SubmitBodyCases.All().ToList();
            var fields = new[] { "mode", "quality_tier", "channel", "prompt", "aspect_ratio", "duration", "resolution", "image_url", "end_image_url", "media_urls", "generate_audio", "fixed_lens", "seed" };

            foreach (var field in fields)
            {
                Assert.Contains(cases, c => c.RejectedField == field);
                Assert.Contains(cases, c => c.RejectedField is null && c.Body.Contains($"\"{field}\"", StringComparison.Ordinal));
            }
        }

        [Fact]
        public async Task Submit_without_idempotency_key_is_rejected_naming_the_header()
        {
            using var request = _sandbox.Api.SubmitRequest(SandboxApi.ValidBody);
            request.Headers.Remove("Idempotency-Key");

            using var response = await _sandbox.Api.Http.SendAsync(request);

            var message = await SandboxApi.AssertErrorAsync(response, 400, "invalid_request");
            Assert.Contains("Idempotency-Key", message, StringComparison.Ordinal);
            Assert.Empty(_sandbox.Host.Account(_sandbox.Api.ApiKey).Charges);
        }

        [Fact]
        public async Task Submit_without_json_content_type_is_rejected_naming_the_header()
        {
            using var request = _sandbox.Api.SubmitRequest(SandboxApi.ValidBody);
            request.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");

            using var response = await _sandbox.Api.Http.SendAsync(request);

            var message = await SandboxApi.AssertErrorAsync(response, 400, "invalid_request");
            Assert.Contains("Content-Type", message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Submit_with_a_duplicated_field_is_rejected_naming_it()
        {
            using var response = await _sandbox.Api.SubmitAsync("{\"prompt\":\"abc\",\"duration\":\"5\",\"duration\":\"6\"}");

            var message = await SandboxApi.AssertErrorAsync(response, 400, "invalid_request");
            Assert.Contains("duration", message, StringComparison.Ordinal);
        }
    }
}
