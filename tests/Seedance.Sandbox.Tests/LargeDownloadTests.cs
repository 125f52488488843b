using System;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Seedance.Sandbox.Tests.Infrastructure;
using Xunit;

namespace Seedance.Sandbox.Tests
{
    /// <summary>A 256 MiB VideoSize is served streamed, without the body ever being held in memory.</summary>
    [Collection(LargeDownloadRunsAlone.Name)]
    public sealed class LargeDownloadTests
    {
        private const long Size = 256L * 1024 * 1024;

        [Fact]
        public async Task Video_of_256_MiB_streams_whole_with_constant_memory()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.VideoSize = Size);
            var (id, output) = await DownloadTests.CompletedAsync(sandbox);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long received = 0;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

            using (var response = await sandbox.Api.Http.GetAsync(output.GetProperty("video_url").GetString(), HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(Size, response.Content.Headers.ContentLength);
                await using var body = await response.Content.ReadAsStreamAsync();
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    received += read;
                }
            }

            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            Assert.Equal(Size, received);
            Assert.True(allocated < Size / 8, $"{allocated:N0} bytes allocated while serving {Size:N0}");
            Assert.Equal(SHA256.HashData(sandbox.Host.ResultBytes(id)), hash.GetHashAndReset());
        }

        [Fact]
        public async Task Range_deep_inside_a_256_MiB_video_matches_the_result_bytes()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.VideoSize = Size);
            var (id, output) = await DownloadTests.CompletedAsync(sandbox);
            const long start = 200_000_003;
            using var request = new HttpRequestMessage(HttpMethod.Get, output.GetProperty("video_url").GetString());
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(start, start + 99);

            using var response = await sandbox.Api.Http.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal(sandbox.Host.ResultBytes(id).AsSpan((int)start, 100).ToArray(), bytes);
        }
    }
}
