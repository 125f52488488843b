using System;
using System.IO;
using System.Threading.Tasks;
using Seedance.Client.Tests.Journal;
using Seedance.Client.Requests;
using Seedance.Requests;
using Xunit;

namespace Seedance.Client.Tests.Transport
{
    /// <summary>The API key and the idempotency key are checked before anything is journaled or sent.</summary>
    public sealed class HeaderValueTests
    {
        private static readonly VideoRequest Request = new() { Prompt = "A heron in the reeds" };

        [Theory]
        [InlineData("sdps-a\r\nX-Injected: 1")]
        [InlineData("sdps-tab\there")]
        [InlineData("sdps-clé")]
        [InlineData(" sdps-leading-space")]
        [InlineData("")]
        public async Task An_idempotency_key_a_header_cannot_carry_is_refused_before_it_is_journaled_or_sent(string key)
        {
            await using var session = await SandboxSession.StartAsync();
            using var temp = new TemporaryJournal();

            var error = await Assert.ThrowsAsync<SeedanceValidationException>(() => session.Client(o => o.Journal = temp.Journal).SubmitAsync(Request, key));

            Assert.Equal(RequestFields.IdempotencyKey, Assert.Single(error.Problems).Field);
            Assert.DoesNotContain("\r", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(temp.FilePath));
            Assert.Empty(session.Host.RequestLog);
        }

        [Fact]
        public async Task An_idempotency_key_longer_than_255_characters_is_refused()
        {
            await using var session = await SandboxSession.StartAsync();

            var error = await Assert.ThrowsAsync<SeedanceValidationException>(() => session.Client().SubmitAsync(Request, new string('k', 256)));

            Assert.Contains("1 to 255 printable ASCII characters", error.Message, StringComparison.Ordinal);
            Assert.Empty(session.Host.RequestLog);
        }

        [Fact]
        public async Task An_api_key_with_spaces_or_a_line_break_around_it_is_trimmed_before_it_is_sent()
        {
            await using var session = await SandboxSession.StartAsync();

            var task = await session.Client(key: "  " + session.Key + "\r\n").SubmitAsync(Request);

            Assert.Equal(task.Id, Assert.Single(session.Charges).TaskId);
        }

        [Theory]
        [InlineData("sk_test_a\nb")]
        [InlineData("sk_test_é")]
        [InlineData("   ")]
        public async Task An_api_key_a_header_cannot_carry_is_refused_naming_where_keys_come_from_never_the_key(string key)
        {
            await using var session = await SandboxSession.StartAsync();

            var error = Assert.Throws<SeedanceException>(() => session.Client(key: key));

            Assert.Equal(SeedanceErrorCodes.InvalidConfiguration, error.ErrorCode);
            Assert.Contains("-ApiKey", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("sk_test_", error.Message, StringComparison.Ordinal);
        }
    }
}
