using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>New-SeedanceVideo warns about asset references in a prompt and never blocks; New-SeedancePrompt pipes into it.</summary>
    public sealed class NewSeedanceVideoPromptLintTests : IAsyncLifetime
    {
        private SandboxHost _sandbox = null!;

        public async Task InitializeAsync() => _sandbox = await SandboxHost.StartAsync(new SandboxOptions());

        public async Task DisposeAsync() => await _sandbox.DisposeAsync();

        [Theory]
        [InlineData("the hero from @图片1 walks in", "@图片1")]
        [InlineData("the hero from @Image3 walks in", "@Image3")]
        [InlineData("use asset://library/hero-42 as the face", "asset://library/hero-42")]
        [InlineData("the face of asset-7c1f0e9a walks in", "asset-7c1f0e9a")]
        [InlineData("the face of 0f8fad5b-d9cb-469f-a165-70867728950e walks in", "0f8fad5b-d9cb-469f-a165-70867728950e")]
        public void Asset_reference_in_the_prompt_is_a_warning_and_the_job_is_still_submitted(string prompt, string found)
        {
            using var session = SeedanceSessions.Open(_sandbox);
            var variables = SeedanceSessions.KeyVariable();
            variables["Prompt"] = prompt;

            var result = session.Run("New-SeedanceVideo -Prompt $Prompt -ApiKey $Key -Confirm:$false", variables).ShouldSucceed();

            Assert.Single(result.Output);
            var warning = Assert.Single(result.Warnings);
            Assert.Contains(found, warning.Message, StringComparison.Ordinal);
            Assert.Contains("about_Seedance_Prompting", warning.Message, StringComparison.Ordinal);
            Assert.Single(_sandbox.RequestLog, r => r.Method == "POST");
        }

        [Fact]
        public void Clean_prompt_gets_no_warning()
        {
            using var session = SeedanceSessions.Open(_sandbox);

            var result = session.Run("New-SeedanceVideo -Prompt 'a red fox with image1-like markings, user@example.com watching' -ApiKey $Key -Confirm:$false", SeedanceSessions.KeyVariable()).ShouldSucceed();

            Assert.Single(result.Output);
            Assert.Empty(result.Warnings);
        }

        [Fact]
        public void Composed_prompt_pipes_into_New_SeedanceVideo_with_its_assets_and_mode()
        {
            using var session = SeedanceSessions.Open(_sandbox);

            var result = session.Run(
                "New-SeedancePrompt -Subject 'a dancer' -ImageUrl 'https://cdn.example.com/start.png' -MediaUrl 'https://cdn.example.com/moves.mp4' -MediaRole Motion | " +
                "New-SeedanceVideo -ApiKey $Key -Confirm:$false",
                SeedanceSessions.KeyVariable()).ShouldSucceed();

            var task = Assert.Single(result.Output);
            Assert.StartsWith("Subject: a dancer.", (string)task.Properties["Prompt"].Value, StringComparison.Ordinal);
            Assert.Empty(result.Warnings);
            Assert.Single(_sandbox.RequestLog, r => r.Method == "POST" && r.Status == 202);
        }

        [Fact]
        public void Composed_text_only_prompt_pipes_without_assets()
        {
            var host = new RecordingHost();
            using var session = new PowerShellSession(host);

            var result = session.Run("New-SeedancePrompt -Subject 'a fox' -NoConstraints | New-SeedanceVideo -WhatIf");

            Assert.Empty(result.Errors);
            var line = Assert.Single(host.Lines, l => l.StartsWith("What if:", StringComparison.Ordinal));
            Assert.EndsWith("body: {\"prompt\":\"Subject: a fox.\"}", line, StringComparison.Ordinal);
        }

        [Fact]
        public void Composed_prompt_body_carries_image_media_and_mode()
        {
            var host = new RecordingHost();
            using var session = new PowerShellSession(host);

            var result = session.Run(
                "New-SeedancePrompt -Subject 'a fox' -NoConstraints -ImageUrl 'https://cdn.example.com/a.png' -EndImageUrl 'https://cdn.example.com/b.png' -MediaUrl 'https://cdn.example.com/c.png' -MediaRole Character | New-SeedanceVideo -WhatIf");

            Assert.Empty(result.Errors);
            var line = Assert.Single(host.Lines, l => l.StartsWith("What if:", StringComparison.Ordinal));
            Assert.Contains("\"mode\":\"media-to-video\"", line, StringComparison.Ordinal);
            Assert.Contains("\"image_url\":\"https://cdn.example.com/a.png\",\"end_image_url\":\"https://cdn.example.com/b.png\",\"media_urls\":[\"https://cdn.example.com/c.png\"]", line, StringComparison.Ordinal);
        }
    }
}
