using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>Every documented rule refuses bad input before any request, with an error that names the parameter.</summary>
    public sealed class NewSeedanceVideoValidationTests : IAsyncLifetime
    {
        private readonly SandboxFixture _sandbox = new();

        public Task InitializeAsync() => _sandbox.InitializeAsync();

        public Task DisposeAsync() => _sandbox.DisposeAsync();

        private static readonly string ThirteenUrls = string.Join(",", Enumerable.Range(1, 13).Select(i => $"'https://cdn.example.com/{i}.png'"));

        public static TheoryData<string, string> BadInputs => new()
        {
            { "-Prompt 'ab'", "Prompt" },
            { "-Prompt ('x' * 10001)", "Prompt" },
            { "-Prompt '   '", "Prompt" },
            { "-Prompt ''", "Prompt" },
            { "-Prompt 'a cat' -Duration 3", "Duration" },
            { "-Prompt 'a cat' -Duration 16", "Duration" },
            { "-Prompt 'a cat' -Duration '5.5'", "Duration" },
            { "-Prompt 'a cat' -Duration 'five'", "Duration" },
            { "-Prompt 'a cat' -Seed -2", "Seed" },
            { "-Prompt 'a cat' -Seed 4294967296", "Seed" },
            { "-Prompt 'a cat' -Seed 1.5", "Seed" },
            { "-Prompt 'a cat' -Seed 7 -QualityTier mini", "Seed" },
            { "-Prompt 'a cat' -Seed 7 -Channel real", "Seed" },
            { "-Prompt 'a cat' -Resolution 4k", "Resolution" },
            { "-Prompt 'a cat' -Resolution 4k -QualityTier standard", "Resolution" },
            { "-Prompt 'a cat' -Resolution 1080p-plus -QualityTier mini", "Resolution" },
            { "-Prompt 'a cat' -Resolution 8k", "Resolution" },
            { "-Prompt 'a cat' -QualityTier ultra", "QualityTier" },
            { "-Prompt 'a cat' -Channel news", "Channel" },
            { "-Prompt 'a cat' -AspectRatio 2:1", "AspectRatio" },
            { "-Prompt 'a cat' -Mode video", "Mode" },
            { "-Prompt 'a cat' -Mode image-to-video", "ImageUrl" },
            { "-Prompt 'a cat' -Mode image-to-video -MediaUrl 'https://cdn.example.com/a.mp4'", "ImageUrl" },
            { "-Prompt 'a cat' -Mode media-to-video", "MediaUrl" },
            { "-Prompt 'a cat' -Mode media-to-video -ImageUrl 'https://cdn.example.com/a.png'", "MediaUrl" },
            { "-Prompt 'a cat' -ImageUrl 'http://cdn.example.com/a.png'", "ImageUrl" },
            { "-Prompt 'a cat' -ImageUrl 'not a url'", "ImageUrl" },
            { "-Prompt 'a cat' -ImageUrl 'https://'", "ImageUrl" },
            { "-Prompt 'a cat' -EndImageUrl 'ftp://cdn.example.com/a.png'", "EndImageUrl" },
            { "-Prompt 'a cat' -EndImageUrl '/frames/end.png'", "EndImageUrl" },
            { "-Prompt 'a cat' -MediaUrl " + ThirteenUrls, "MediaUrl" },
            { "-Prompt 'a cat' -MediaUrl 'https://cdn.example.com/a.png','http://cdn.example.com/b.png'", "MediaUrl" },
            { "-Prompt 'a cat' -MediaUrl 'https://cdn.example.com/a.png;www.example.com/b.png'", "MediaUrl" },
            { "-Prompt 'a cat' -FixedLens:'maybe'", "FixedLens" },
        };

        [Theory]
        [MemberData(nameof(BadInputs))]
        public void Bad_input_fails_naming_the_parameter_and_sends_nothing(string parameters, string parameter)
        {
            using var session = SeedanceSessions.Open(_sandbox.Host);

            var result = session.Run("New-SeedanceVideo " + parameters + " -ApiKey $Key", SeedanceSessions.KeyVariable());

            Assert.Empty(_sandbox.Host.RequestLog);
            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            var text = error.ToString();
            Assert.True(text.Contains($"'{parameter}'", System.StringComparison.Ordinal) || text.Contains($"-{parameter} ", System.StringComparison.Ordinal), text);
        }

        [Fact]
        public void Cross_field_problem_is_a_non_terminating_InvalidParameter_error_with_the_request_as_target()
        {
            using var session = SeedanceSessions.Open(_sandbox.Host);

            var result = session.Run(
                "New-SeedanceVideo 'a cat' -QualityTier standard -Resolution 4k -ApiKey $Key; 'still running'",
                SeedanceSessions.KeyVariable());

            Assert.Equal("still running", Assert.Single(result.Output).ToString());
            var error = Assert.Single(result.Errors);
            Assert.Equal("Seedance.InvalidParameter,Seedance.Commands.NewSeedanceVideoCommand", error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal("Seedance.Client.Requests.VideoRequest", error.TargetObject?.GetType().FullName);
            Assert.Contains("Parameter -Resolution (resolution)", error.ToString(), System.StringComparison.Ordinal);
            Assert.Contains("720p, 1080p", error.ToString(), System.StringComparison.Ordinal);
            Assert.Empty(_sandbox.Host.RequestLog);
        }

        [Fact]
        public void Binding_error_lists_the_allowed_values()
        {
            using var session = new PowerShellSession();

            var error = Assert.Single(session.Run("New-SeedanceVideo 'a cat' -AspectRatio 2:1 -ApiKey $Key", SeedanceSessions.KeyVariable()).Errors);

            Assert.Contains("Cannot validate argument on parameter 'AspectRatio'", error.ToString(), System.StringComparison.Ordinal);
            Assert.Contains("16:9, 9:16, 1:1, 4:3, 3:4, 21:9, adaptive", error.ToString(), System.StringComparison.Ordinal);
        }

        [Fact]
        public void Bad_row_in_a_pipeline_fails_alone_and_the_other_rows_go_on()
        {
            var host = new RecordingHost();
            using var session = SeedanceSessions.Open(_sandbox.Host, host: host);

            var result = session.Run(
                """
                @(
                    [pscustomobject]@{ prompt = 'a red fox in snow'; duration = '5' }
                    [pscustomobject]@{ prompt = 'a red fox in rain'; duration = '99' }
                    [pscustomobject]@{ duration = '5' }
                    [pscustomobject]@{ prompt = 'a red fox at night'; quality_tier = 'mini'; seed = '3' }
                    [pscustomobject]@{ prompt = 'a red fox at dawn'; duration = '6' }
                ) | New-SeedanceVideo -WhatIf
                """);

            Assert.True(3 == result.Errors.Count, string.Join("\n", result.Errors.Select(e => e.FullyQualifiedErrorId + " " + e)));
            Assert.Contains(result.Errors, e => e.ToString().Contains("Row 2 ('a red fox in rain') was not sent. Parameter -Duration (duration)", System.StringComparison.Ordinal));
            Assert.Contains(result.Errors, e => e.ToString().Contains("-Seed (seed)", System.StringComparison.Ordinal));
            var whatIf = host.Lines.Where(l => l.StartsWith("What if:", System.StringComparison.Ordinal)).ToList();
            Assert.Equal(2, whatIf.Count);
            Assert.Contains("a red fox in snow", whatIf[0], System.StringComparison.Ordinal);
            Assert.Contains("a red fox at dawn", whatIf[1], System.StringComparison.Ordinal);
            Assert.Empty(_sandbox.Host.RequestLog);
        }

        [Theory]
        [InlineData("-Duration 4 -Seed -1", "\"duration\":\"4\"")]
        [InlineData("-Duration 15 -Seed 4294967295", "\"seed\":4294967295")]
        [InlineData("-QualityTier pro -Resolution 4k", "\"resolution\":\"4k\"")]
        [InlineData("-MediaUrl (1..12 | ForEach-Object { \"https://cdn.example.com/$_.png\" })", "12.png\"]")]
        public void Edge_of_each_range_is_accepted(string parameters, string expectedInBody)
        {
            var host = new RecordingHost();
            using var session = SeedanceSessions.Open(_sandbox.Host, host: host);

            var result = session.Run($"New-SeedanceVideo -Prompt ('x' * 10000) {parameters} -WhatIf; New-SeedanceVideo -Prompt 'abc' {parameters} -WhatIf");

            Assert.Empty(result.Errors);
            var whatIf = host.Lines.Where(l => l.StartsWith("What if:", System.StringComparison.Ordinal)).ToList();
            Assert.Equal(2, whatIf.Count);
            Assert.All(whatIf, line => Assert.Contains(expectedInBody, line, System.StringComparison.Ordinal));
            Assert.Empty(_sandbox.Host.RequestLog);
        }
    }
}
