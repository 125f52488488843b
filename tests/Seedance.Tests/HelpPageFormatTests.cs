using System;
using System.IO;
using Seedance.HelpBuilder;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>The help builder rejects a page that breaks the format, with a message naming the page, the line and the fix.</summary>
    public sealed class HelpPageFormatTests
    {
        private const string File = "New-SeedancePrompt.md";

        private static readonly string Page = System.IO.File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "en-US", File)).Replace("\r\n", "\n", StringComparison.Ordinal);

        private static string Error(string page) => Assert.Throws<HelpPageException>(() => CommandPageParser.Parse(File, page)).Message;

        [Fact]
        public void A_complete_page_parses_with_every_part()
        {
            var page = CommandPageParser.Parse(File, Page);

            Assert.Equal("New-SeedancePrompt", page.Name);
            Assert.Equal(4, page.Examples.Count);
            Assert.Equal(14, page.Parameters.Count);
            Assert.Contains(page.Parameters, p => p.Name == "Shot" && p.Type == "String[]" && p.Usages[0].PipelineInput == "True (ByPropertyName)");
        }

        [Theory]
        [InlineData("SYNOPSIS")]
        [InlineData("DESCRIPTION")]
        [InlineData("EXAMPLES")]
        [InlineData("PARAMETERS")]
        [InlineData("INPUTS")]
        [InlineData("OUTPUTS")]
        [InlineData("NOTES")]
        public void A_missing_section_is_an_error_naming_it(string section)
        {
            var message = Error(Page.Replace("## " + section + "\n", "## RENAMED\n", StringComparison.Ordinal));

            Assert.Contains($"'## {section}' is missing", message, StringComparison.Ordinal);
            Assert.StartsWith(File + "(", message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_page_with_one_example_is_an_error()
        {
            var start = Page.IndexOf("### Example 2", StringComparison.Ordinal);
            var end = Page.IndexOf("## PARAMETERS", StringComparison.Ordinal);

            Assert.Contains("at least 2 examples", Error(Page.Remove(start, end - start)), StringComparison.Ordinal);
        }

        [Fact]
        public void An_example_without_a_sentence_is_an_error()
        {
            Assert.Contains("needs a sentence", Error(Page.Replace("Emits an object whose Prompt has one line per part and ends with the constraint package.", string.Empty, StringComparison.Ordinal)), StringComparison.Ordinal);
        }

        [Fact]
        public void A_parameter_without_a_description_or_a_yaml_field_is_an_error()
        {
            Assert.Contains("-Camera needs a description", Error(Page.Replace("Camera motion and framing (\"slow dolly-in at ground level\", \"static wide shot\"). Becomes the `Camera:` line.", string.Empty, StringComparison.Ordinal)), StringComparison.Ordinal);
            var noWildcard = Page.Replace("Accept wildcard characters: False", "Accept wildcards: False", StringComparison.Ordinal);
            Assert.Contains("lacks: Accept wildcard characters", Error(noWildcard), StringComparison.Ordinal);
        }

        [Fact]
        public void Front_matter_must_name_the_help_file_and_module()
        {
            Assert.Contains("external help file: Seedance.dll-Help.xml", Error(Page.Replace("external help file: Seedance.dll-Help.xml", "external help file: Other.xml", StringComparison.Ordinal)), StringComparison.Ordinal);
        }
    }
}
