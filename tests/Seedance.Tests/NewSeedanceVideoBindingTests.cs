using System;
using System.Linq;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>CSV rows, JSON objects and the prompt bind to New-SeedanceVideo and produce the exact body (-WhatIf shows it).</summary>
    public sealed class NewSeedanceVideoBindingTests
    {
        private static string[] WhatIfLines(RecordingHost host) =>
            host.Lines.Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToArray();

        [Fact]
        public void Csv_row_with_api_column_names_binds_every_field_as_text()
        {
            var host = new RecordingHost();
            using var session = new PowerShellSession(host);

            var result = session.Run(
                """
                [pscustomobject]@{
                    prompt = 'a fox runs'; mode = ''; quality_tier = 'PRO'; channel = 'wild'; aspect_ratio = '9:16'; duration = '8'
                    resolution = '1080p-plus'; image_url = ''; end_image_url = 'https://cdn.example.com/end.png'
                    media_urls = 'https://cdn.example.com/1.png; https://cdn.example.com/2.mp4'
                    generate_audio = 'false'; fixed_lens = 'TRUE'; seed = '42'; idempotency_key = 'row-1'
                } | New-SeedanceVideo -WhatIf
                """);

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            var line = Assert.Single(WhatIfLines(host));
            Assert.Contains("Idempotency-Key row-1", line, StringComparison.Ordinal);
            Assert.EndsWith(
                "body: {\"mode\":\"media-to-video\",\"quality_tier\":\"pro\",\"channel\":\"wild\",\"prompt\":\"a fox runs\",\"aspect_ratio\":\"9:16\"," +
                "\"duration\":\"8\",\"resolution\":\"1080p-plus\",\"end_image_url\":\"https://cdn.example.com/end.png\"," +
                "\"media_urls\":[\"https://cdn.example.com/1.png\",\"https://cdn.example.com/2.mp4\"],\"generate_audio\":false,\"fixed_lens\":true,\"seed\":42}",
                line,
                StringComparison.Ordinal);
        }

        [Fact]
        public void Csv_row_with_parameter_names_and_empty_cells_sends_only_what_is_given()
        {
            var host = new RecordingHost();
            using var session = new PowerShellSession(host);

            var result = session.Run(
                """
                [pscustomobject]@{
                    Prompt = 'a cat naps'; Mode = ''; QualityTier = ''; Channel = ''; AspectRatio = ''; Duration = ''; Resolution = ''
                    ImageUrl = 'https://cdn.example.com/start.png'; EndImageUrl = ''; MediaUrl = ''; NoAudio = 'yes'; FixedLens = 'false'
                    Seed = ''; IdempotencyKey = ''
                } | New-SeedanceVideo -WhatIf
                """);

            Assert.Empty(result.Errors);
            var line = Assert.Single(WhatIfLines(host));
            Assert.Matches("Idempotency-Key sdps-[0-9a-f]{32},", line);
            Assert.EndsWith(
                "body: {\"mode\":\"image-to-video\",\"prompt\":\"a cat naps\",\"image_url\":\"https://cdn.example.com/start.png\",\"generate_audio\":false}",
                line,
                StringComparison.Ordinal);
        }

        [Fact]
        public void Json_shaped_object_with_typed_values_binds()
        {
            var host = new RecordingHost();
            using var session = new PowerShellSession(host);

            var result = session.Run(
                """
                [pscustomobject]@{ prompt = 'a dog swims'; duration = 5; generate_audio = $true; fixed_lens = $false; seed = -1
                    media_urls = @('https://cdn.example.com/1.png', 'https://cdn.example.com/2.png') } | New-SeedanceVideo -WhatIf
                """);

            Assert.Empty(result.Errors);
            Assert.EndsWith(
                "body: {\"mode\":\"media-to-video\",\"prompt\":\"a dog swims\",\"duration\":\"5\"," +
                "\"media_urls\":[\"https://cdn.example.com/1.png\",\"https://cdn.example.com/2.png\"],\"generate_audio\":true,\"seed\":-1}",
                Assert.Single(WhatIfLines(host)),
                StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("", "{\"prompt\":\"a quiet lake\"}")]
        [InlineData("-ImageUrl https://cdn.example.com/a.png", "{\"mode\":\"image-to-video\",\"prompt\":\"a quiet lake\",\"image_url\":\"https://cdn.example.com/a.png\"}")]
        [InlineData("-ImageUrl https://cdn.example.com/a.png -MediaUrl https://cdn.example.com/b.mp4", "{\"mode\":\"media-to-video\",\"prompt\":\"a quiet lake\",\"image_url\":\"https://cdn.example.com/a.png\",\"media_urls\":[\"https://cdn.example.com/b.mp4\"]}")]
        [InlineData("-Mode TEXT-to-video -NoAudio -FixedLens", "{\"mode\":\"text-to-video\",\"prompt\":\"a quiet lake\",\"generate_audio\":false,\"fixed_lens\":true}")]
        public void Mode_is_inferred_from_the_assets_when_not_given(string parameters, string body)
        {
            var host = new RecordingHost();
            using var session = new PowerShellSession(host);

            Assert.Empty(session.Run($"'a quiet lake' | New-SeedanceVideo {parameters} -WhatIf").Errors);

            Assert.EndsWith("body: " + body, Assert.Single(WhatIfLines(host)), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("prompt = ''; duration = '5'")]
        [InlineData("prompt = '   '; duration = '5'")]
        [InlineData("prompt = $null; duration = 5")]
        [InlineData("Prompt = ''")]
        [InlineData("duration = '5'")]
        public void Row_with_an_empty_prompt_is_that_rows_error_and_never_sends_the_row_as_text(string cells)
        {
            var host = new RecordingHost();
            using var session = new PowerShellSession(host);

            var result = session.Run($"[pscustomobject]@{{ prompt = 'a red fox trots' }}, [pscustomobject]@{{ {cells} }}, [pscustomobject]@{{ prompt = 'a grey owl blinks' }} | New-SeedanceVideo -WhatIf");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("Seedance.InvalidParameter", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("Row 2", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("-Prompt", error.ToString(), StringComparison.Ordinal);
            var whatIf = WhatIfLines(host);
            Assert.Equal(2, whatIf.Length);
            Assert.Contains("a red fox trots", whatIf[0], StringComparison.Ordinal);
            Assert.Contains("a grey owl blinks", whatIf[1], StringComparison.Ordinal);
            Assert.DoesNotContain(whatIf, line => line.Contains("@{", StringComparison.Ordinal));
        }

        [Fact]
        public void Empty_switch_cells_mean_not_given_never_on()
        {
            var host = new RecordingHost();
            using var session = new PowerShellSession(host);

            var result = session.Run(
                """
                [pscustomobject]@{ prompt = 'a red fox trots'; fixed_lens = ''; no_audio = ''; generate_audio = '' },
                [pscustomobject]@{ Prompt = 'a grey owl blinks'; FixedLens = ' '; NoAudio = ' '; GenerateAudio = ' ' } | New-SeedanceVideo -WhatIf
                """);

            Assert.Empty(result.Errors);
            var whatIf = WhatIfLines(host);
            Assert.Equal(2, whatIf.Length);
            Assert.EndsWith("body: {\"prompt\":\"a red fox trots\"}", whatIf[0], StringComparison.Ordinal);
            Assert.EndsWith("body: {\"prompt\":\"a grey owl blinks\"}", whatIf[1], StringComparison.Ordinal);
        }

        [Fact]
        public void Each_bad_row_of_a_batch_names_its_position_and_the_start_of_its_prompt()
        {
            var host = new RecordingHost();
            using var session = new PowerShellSession(host);

            var result = session.Run(
                """
                @(
                    [pscustomobject]@{ prompt = 'a red fox in snow at dawn'; duration = '5' }
                    [pscustomobject]@{ prompt = 'a red fox in the rain, walking slowly along a wet country road'; duration = '99' }
                    [pscustomobject]@{ prompt = 'a red fox at night'; duration = 'five' }
                    [pscustomobject]@{ prompt = 'a red fox at noon'; quality_tier = 'mini'; seed = '3' }
                    [pscustomobject]@{ prompt = 'a red fox at dusk'; fixed_lens = 'perhaps'; aspect_ratio = '2:1' }
                    [pscustomobject]@{ prompt = 'a red fox asleep'; duration = '6' }
                ) | New-SeedanceVideo -WhatIf
                """);

            var expected = new[] { "Row 2 ('a red fox in the rain, walking slow...')", "Row 3 ('a red fox at night')", "Row 4 ('a red fox at noon')", "Row 5 ('a red fox at dusk')" };
            Assert.Equal(expected.Length, result.Errors.Count);
            Assert.All(expected.Zip(result.Errors), pair => Assert.StartsWith(pair.First + " was not sent.", pair.Second.ToString(), StringComparison.Ordinal));
            Assert.All(result.Errors, e => Assert.StartsWith("Seedance.InvalidParameter", e.FullyQualifiedErrorId, StringComparison.Ordinal));
            Assert.Contains("-Duration (duration)", result.Errors[0].ToString(), StringComparison.Ordinal);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(result.Errors[1].ToString(), "'five' is not a whole number"));
            Assert.Contains("-Seed (seed)", result.Errors[2].ToString(), StringComparison.Ordinal);
            Assert.Contains("-FixedLens (fixed_lens)", result.Errors[3].ToString(), StringComparison.Ordinal);
            Assert.Contains("-AspectRatio (aspect_ratio)", result.Errors[3].ToString(), StringComparison.Ordinal);
            Assert.Equal(2, WhatIfLines(host).Length);
        }

        [Theory]
        [InlineData("'generate_audio' = 'maybe'", "-NoAudio (generate_audio): 'maybe' is not true or false")]
        [InlineData("'fixed_lens' = 'perhaps'", "-FixedLens (fixed_lens): 'perhaps' is not true or false")]
        [InlineData("'duration' = '5 s'", "-Duration (duration): '5 s' is not a whole number")]
        public void Unreadable_csv_cell_fails_naming_the_parameter(string cell, string expected)
        {
            using var session = new PowerShellSession();

            var result = session.Run($"[pscustomobject]@{{ prompt = 'a fox'; {cell} }} | New-SeedanceVideo -WhatIf");

            Assert.Contains(expected, Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("QualityTier", "", "mini,standard,pro")]
        [InlineData("Mode", "i", "image-to-video")]
        [InlineData("Channel", "", "standard,real,wild")]
        [InlineData("AspectRatio", "", "'16:9','9:16','1:1','4:3','3:4','21:9',adaptive")]
        [InlineData("Resolution", "10", "1080p,1080p-plus")]
        public void Fixed_value_parameters_tab_complete_from_the_client_tables(string parameter, string typed, string expected)
        {
            using var session = new PowerShellSession();
            var line = $"New-SeedanceVideo 'a fox' -{parameter} {typed}";

            var completions = session.Run(
                "[System.Management.Automation.CommandCompletion]::CompleteInput($Line, $Line.Length, $null).CompletionMatches | ForEach-Object { $_.CompletionText }",
                new System.Collections.Generic.Dictionary<string, object?> { ["Line"] = line }).ShouldSucceed().Output.Select(o => o.ToString());

            Assert.Equal(expected, string.Join(",", completions));
        }
    }
}
