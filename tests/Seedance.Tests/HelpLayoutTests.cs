using System;
using System.IO;
using System.Linq;
using Seedance.HelpBuilder;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>The help builder makes help that fits an 80-column console (79 columns: PowerShell keeps the last one free), and fails the build, at the page's line, where it cannot.</summary>
    public sealed class HelpLayoutTests
    {
        private const string Page = "New-SeedancePrompt.md";
        private const string Topic = "about_Seedance_Prompting.md";

        private static string Read(string file) =>
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "en-US", file)).Replace("\r\n", "\n", StringComparison.Ordinal);

        private static string Error(string page) => Assert.Throws<HelpPageException>(() => CommandPageParser.Parse(Page, page)).Message;

        private static int LineOf(string text, string line) => text.Split('\n').ToList().IndexOf(line) + 1;

        [Fact]
        public void Paragraphs_are_broken_at_spaces_into_lines_that_fit_under_their_indent()
        {
            var page = CommandPageParser.Parse(Page, Read(Page));

            var description = page.Description.SelectMany(p => p.Split('\n')).ToList();
            var parameters = page.Parameters.SelectMany(p => p.Description).SelectMany(p => p.Split('\n')).ToList();
            Assert.True(description.Count > page.Description.Count, "the description's paragraphs are broken into lines");
            Assert.All(description, line => Assert.InRange(line.Length, 1, 79 - HelpLayout.SectionIndent));
            Assert.All(parameters, line => Assert.InRange(line.Length, 1, 79 - HelpLayout.ItemIndent));
            Assert.Equal(
                string.Join(" ", page.Description[0].Split('\n')),
                string.Join(" ", Read(Page).Split("## DESCRIPTION\n")[1].Split("\n\n")[0].Split('\n')));
        }

        [Fact]
        public void Inline_code_marks_are_left_out_of_the_help_text()
        {
            var page = CommandPageParser.Parse(Page, Read(Page));

            Assert.Contains("Subject: line", string.Join(" ", page.Parameters.Single(p => p.Name == "Subject").Description).Replace('\n', ' '), StringComparison.Ordinal);
            Assert.DoesNotContain(page.Parameters.SelectMany(p => p.Description), d => d.Contains('`', StringComparison.Ordinal));
        }

        [Fact]
        public void A_list_item_continues_under_its_text()
        {
            var lines = HelpLayout.Wrap("- media_urls (-MediaUrl, up to 12): character, motion, style, source-video or previous-clip references", 40);

            Assert.Equal(new[] { "- media_urls (-MediaUrl, up to 12):", "  character, motion, style, source-video", "  or previous-clip references" }, lines);
        }

        [Fact]
        public void A_wide_character_takes_two_columns()
        {
            Assert.Equal(6, HelpLayout.Columns("@图片1"));
            Assert.Equal(new[] { "a @图片1", "label" }, HelpLayout.Wrap("a @图片1 label", 9));
        }

        [Fact]
        public void An_example_title_is_centred_between_dashes_within_75_columns()
        {
            Assert.Equal(new string('-', 26) + " Example 1: Short " + new string('-', 26), HelpLayout.ExampleTitle("Example 1: Short"));
            Assert.Equal(75, HelpLayout.ExampleTitle("Example 2: " + new string('x', 52)).Length);
        }

        [Fact]
        public void A_code_line_wider_than_the_help_is_an_error_at_its_line()
        {
            var text = Read(Page);
            var wide = "New-SeedancePrompt -Subject 'a red fox with a frosted coat' -Action 'trots through fresh snow'";
            var page = text.Replace("New-SeedancePrompt @parts\n", wide + "\n", StringComparison.Ordinal);

            var message = Error(page);

            Assert.StartsWith($"{Page}({LineOf(page, wide)}): error SDHELP:", message, StringComparison.Ordinal);
            Assert.Contains($"This code line is {wide.Length} columns wide", message, StringComparison.Ordinal);
            Assert.Contains("within 75", message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_synopsis_longer_than_one_line_is_an_error()
        {
            var message = Error(Read(Page).Replace(
                "Composes a director-style prompt for New-SeedanceVideo from its parts.",
                "Composes a director-style prompt for New-SeedanceVideo from its parts, as the prompt guide recommends.",
                StringComparison.Ordinal));

            Assert.Contains("The synopsis is 102 columns wide; Get-Help shows it on one line of at most 75", message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_word_that_cannot_fit_is_an_error()
        {
            var url = "https://example.com/" + new string('a', 60) + ".png";

            var message = Error(Read(Page).Replace("Leaves \"no subtitles\" out", url + " leaves \"no subtitles\" out", StringComparison.Ordinal));

            Assert.Contains($"'{url}' is longer than the 71 columns Get-Help has for it in '-AllowSubtitles'", message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_related_link_to_a_file_is_an_error()
        {
            var message = Error(Read(Page).Replace("[New-SeedanceVideo]()", "[New-SeedanceVideo](New-SeedanceVideo.md)", StringComparison.Ordinal));

            Assert.Contains("A related link names a cmdlet or an about topic", message, StringComparison.Ordinal);
            Assert.Contains("'New-SeedanceVideo.md'", message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_related_link_to_an_unknown_page_fails_the_build()
        {
            var docs = Directory.CreateTempSubdirectory("seedance-docs-");
            try
            {
                File.WriteAllText(Path.Combine(docs.FullName, Page), Read(Page).Replace("[New-SeedanceVideo]()", "[New-SeedanceVideos]()", StringComparison.Ordinal));
                File.WriteAllText(Path.Combine(docs.FullName, Topic), Read(Topic));

                var message = Assert.Throws<HelpPageException>(() => Seedance.HelpBuilder.Program.Build(docs.FullName, Path.Combine(docs.FullName, "out"))).Message;

                Assert.Contains("'New-SeedanceVideos' is not a cmdlet or about topic of this module", message, StringComparison.Ordinal);
            }
            finally
            {
                docs.Delete(recursive: true);
            }
        }

        [Fact]
        public void An_about_topic_line_wider_than_79_columns_is_an_error_at_its_line()
        {
            var text = Read(Topic);
            var prose = "Seedance follows a prompt best when it reads like a director's brief:";
            var wide = prose + " concrete instructions";

            var message = Assert.Throws<HelpPageException>(() => AboutTopicWriter.Write(Topic, text.Replace(prose, wide, StringComparison.Ordinal))).Message;

            Assert.StartsWith($"{Topic}({LineOf(text, prose)}): error SDHELP: Get-Help shows this line {wide.Length + 4} columns wide; it must fit 79 (PowerShell keeps the last column of an 80-column console free).", message, StringComparison.Ordinal);
        }

        [Fact]
        public void Every_about_topic_fits_the_79_columns_an_80_column_console_shows()
        {
            foreach (var topic in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs", "en-US"), "about_*.md"))
            {
                var lines = AboutTopicWriter.Write(topic, File.ReadAllText(topic)).Split('\n');

                Assert.All(lines, line => Assert.True(HelpLayout.Columns(line) <= 79, $"{Path.GetFileName(topic)}: {line}"));
            }
        }
    }
}
