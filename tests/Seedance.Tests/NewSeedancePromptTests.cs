using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    public sealed class NewSeedancePromptTests
    {
        private static readonly string[] ConstraintPackage = { "stable faces", "natural motion", "no deformation", "no watermark", "no logo", "no subtitles" };

        private static PSObject Single(string script)
        {
            using var session = new PowerShellSession();
            var result = session.Run(script).ShouldSucceed();
            Assert.Empty(result.Warnings);
            return Assert.Single(result.Output);
        }

        private static string Prompt(PSObject output) => (string)output.Properties["Prompt"].Value;

        private static string[] Lines(PSObject output) => Prompt(output).Split('\n');

        [Fact]
        public void Each_part_becomes_its_own_labelled_line_in_director_order()
        {
            var output = Single("New-SeedancePrompt -Style 'wildlife documentary' -Camera 'slow dolly-in' -Scene 'a birch forest at dawn' -Action 'trots through snow' -Subject 'a red fox'");

            Assert.Equal(
                new[]
                {
                    "Subject: a red fox.",
                    "Action: trots through snow.",
                    "Scene: a birch forest at dawn.",
                    "Camera: slow dolly-in.",
                    "Style: wildlife documentary.",
                    "Constraints: " + string.Join(", ", ConstraintPackage) + ".",
                },
                Lines(output));
        }

        [Fact]
        public void Subject_and_action_bind_by_position_and_keep_their_own_punctuation()
        {
            var output = Single("New-SeedancePrompt 'A red fox!' 'It listens?' -NoConstraints");

            Assert.Equal(new[] { "Subject: A red fox!", "Action: It listens?" }, Lines(output));
        }

        [Fact]
        public void Shots_are_numbered_in_the_order_given_before_the_style()
        {
            var output = Single("New-SeedancePrompt -Subject 'a lighthouse keeper' -Shot 'Wide shot of the lighthouse', 'Close-up of the lamp', 'Aerial pull-back' -Style 'painterly'");

            var lines = Lines(output);
            var shots = Array.IndexOf(lines, "Shots, in order:");
            Assert.True(shots > 0);
            Assert.Equal(new[] { "1. Wide shot of the lighthouse.", "2. Close-up of the lamp.", "3. Aerial pull-back." }, lines.Skip(shots + 1).Take(3));
            Assert.Equal("Style: painterly.", lines[shots + 4]);
        }

        [Fact]
        public void Constraint_package_is_added_by_default_and_AllowSubtitles_drops_only_no_subtitles()
        {
            var full = Prompt(Single("New-SeedancePrompt -Subject 'a red fox'"));
            var subtitles = Prompt(Single("New-SeedancePrompt -Subject 'a red fox' -AllowSubtitles"));

            Assert.All(ConstraintPackage, c => Assert.Contains(c, full, StringComparison.Ordinal));
            Assert.DoesNotContain("no subtitles", subtitles, StringComparison.Ordinal);
            Assert.All(ConstraintPackage.Where(c => c != "no subtitles"), c => Assert.Contains(c, subtitles, StringComparison.Ordinal));
        }

        [Fact]
        public void NoConstraints_leaves_the_package_out()
        {
            var output = Single("New-SeedancePrompt -Subject 'a red fox' -NoConstraints");

            Assert.Equal("Subject: a red fox.", Prompt(output));
        }

        [Fact]
        public void Edit_starts_with_the_strict_edit_instruction_and_names_the_source_video()
        {
            var output = Single("New-SeedancePrompt -Edit -Action 'replace the sky with a sunset' -MediaUrl 'https://cdn.example.com/street.mp4' -MediaRole SourceVideo");

            var lines = Lines(output);
            Assert.StartsWith("Strictly edit the supplied source video", lines[0], StringComparison.Ordinal);
            Assert.Contains("Reference 1 is the source video to edit.", Prompt(output), StringComparison.Ordinal);
            Assert.Equal("media-to-video", output.Properties["Mode"].Value);
        }

        [Fact]
        public void Extend_starts_with_the_continue_instruction_and_names_the_previous_clip()
        {
            var output = Single("New-SeedancePrompt -Extend -Action 'the boat spins into the drain' -MediaUrl 'https://cdn.example.com/boat.mp4' -MediaRole PreviousClip");

            Assert.StartsWith("Continue from the supplied previous clip", Lines(output)[0], StringComparison.Ordinal);
            Assert.Contains("Reference 1 is the previous clip to continue from.", Prompt(output), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("-Edit", "SourceVideo")]
        [InlineData("-Extend", "PreviousClip")]
        public void Edit_or_extend_without_its_reference_is_a_non_terminating_error(string instruction, string role)
        {
            using var session = new PowerShellSession();

            var result = session.Run($"New-SeedancePrompt {instruction} -Action 'change it' -MediaUrl 'https://cdn.example.com/a.png' -MediaRole Style; 'after'");

            Assert.Equal(new[] { "after" }, result.Output.Select(o => o.ToString()));
            var error = Assert.Single(result.Errors);
            Assert.Equal("Seedance.InvalidParameter", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains(role, error.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void Asset_roles_are_described_in_words_and_urls_go_to_their_own_properties()
        {
            var output = Single(
                "New-SeedancePrompt -Subject 'a dancer' -ImageUrl 'https://cdn.example.com/start.png' -EndImageUrl 'https://cdn.example.com/end.png' " +
                "-MediaUrl 'https://cdn.example.com/dancer.png', 'https://cdn.example.com/moves.mp4', 'https://cdn.example.com/look.jpg' -MediaRole Character, Motion, Style");

            var prompt = Prompt(output);
            Assert.Contains("The supplied start image is the opening frame.", prompt, StringComparison.Ordinal);
            Assert.Contains("The supplied end image is the closing frame.", prompt, StringComparison.Ordinal);
            Assert.Contains("Reference 1 is the character", prompt, StringComparison.Ordinal);
            Assert.Contains("Reference 2 is the motion reference", prompt, StringComparison.Ordinal);
            Assert.Contains("Reference 3 is the style reference", prompt, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", prompt, StringComparison.Ordinal);
            Assert.Equal("https://cdn.example.com/start.png", output.Properties["ImageUrl"].Value);
            Assert.Equal("https://cdn.example.com/end.png", output.Properties["EndImageUrl"].Value);
            Assert.Equal(
                new[] { "https://cdn.example.com/dancer.png", "https://cdn.example.com/moves.mp4", "https://cdn.example.com/look.jpg" },
                ((IEnumerable<string>)output.Properties["MediaUrl"].Value).ToArray());
            Assert.Equal("media-to-video", output.Properties["Mode"].Value);
        }

        [Fact]
        public void Mode_is_implied_by_the_assets_and_empty_for_text_only()
        {
            Assert.Equal("image-to-video", Single("New-SeedancePrompt -Subject 'a fox' -ImageUrl 'https://cdn.example.com/fox.png'").Properties["Mode"].Value);
            Assert.Null(Single("New-SeedancePrompt -Subject 'a fox'").Properties["Mode"].Value);
        }

        [Theory]
        [InlineData("-MediaUrl 'https://cdn.example.com/a.png', 'https://cdn.example.com/b.png' -MediaRole Character", "role")]
        [InlineData("-ImageUrl 'http://cdn.example.com/a.png'", "https")]
        [InlineData("-EndImageUrl 'not a url'", "https")]
        [InlineData("-Scene ('x' * 10001)", "10000")]
        public void A_part_that_breaks_a_rule_is_an_error_naming_it_and_emits_nothing(string parameters, string expected)
        {
            using var session = new PowerShellSession();

            var result = session.Run("New-SeedancePrompt -Subject 'a fox' " + parameters);

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("Seedance.InvalidParameter", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void A_prompt_without_subject_action_scene_or_shot_is_an_error()
        {
            using var session = new PowerShellSession();

            var result = session.Run("New-SeedancePrompt -Style 'noir' -Camera 'static'");

            Assert.Empty(result.Output);
            Assert.Contains("subject, an action, a scene or a shot", Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void Rows_from_the_pipeline_bind_by_property_name_one_prompt_each()
        {
            using var session = new PowerShellSession();

            var output = session.Run(
                "@([pscustomobject]@{ Subject = 'a paper boat'; Action = 'drifts' }, [pscustomobject]@{ Subject = 'a glass train'; Shot = @('Wide', 'Close') }) | New-SeedancePrompt -NoConstraints")
                .ShouldSucceed().Output.Select(Prompt).ToList();

            Assert.Equal(new[] { "Subject: a paper boat.\nAction: drifts.", "Subject: a glass train.\nShots, in order:\n1. Wide.\n2. Close." }, output);
        }

        [Theory]
        [InlineData("keep @图片1 as the hero", "@图片1")]
        [InlineData("keep @image2 as the hero", "@image2")]
        [InlineData("use asset://a1b2c3 for the face", "asset://a1b2c3")]
        [InlineData("the hero is asset_9fk2LmQ7", "asset_9fk2LmQ7")]
        public void Asset_references_in_a_part_are_warned_about_and_the_prompt_is_still_emitted(string subject, string found)
        {
            using var session = new PowerShellSession();

            var result = session.Run("New-SeedancePrompt -Subject $Subject", new Dictionary<string, object?> { ["Subject"] = subject }).ShouldSucceed();

            Assert.Single(result.Output);
            var warning = Assert.Single(result.Warnings);
            Assert.Contains(found, warning.Message, StringComparison.Ordinal);
            Assert.Contains("-MediaUrl", warning.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Output_is_the_typed_prompt_object()
        {
            var output = Single("New-SeedancePrompt -Subject 'a fox'");

            Assert.Equal("Seedance.Prompts.SeedancePrompt", output.TypeNames[0]);
        }
    }
}
