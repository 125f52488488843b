using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>Get-Help, as a user gets it after Import-Module: every exported cmdlet is documented from its docs/en-US page.</summary>
    public sealed class ModuleHelpTests
    {
        public static IEnumerable<object[]> ExportedCmdlets()
        {
            using var session = new PowerShellSession();
            return session.Run("Get-Command -Module Seedance -CommandType Cmdlet | ForEach-Object { $_.Name }").ShouldSucceed()
                .Output.Select(o => new object[] { o.ToString() }).ToList();
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Every_exported_cmdlet_has_a_synopsis_parameter_descriptions_and_two_examples(string cmdlet)
        {
            using var session = new PowerShellSession();
            var variables = new Dictionary<string, object?> { ["Name"] = cmdlet };

            var help = session.Run("Get-Help -Name $Name -Full", variables).ShouldSucceed().Output.Single();
            var parameters = session.Run(
                "(Get-Command -Name $Name).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters }",
                variables).ShouldSucceed().Output.Select(o => o.ToString()).ToList();
            var described = session.Run(
                "(Get-Help -Name $Name -Full).parameters.parameter | Where-Object { ($_.description | ForEach-Object { $_.Text }) -join '' } | ForEach-Object { $_.name }",
                variables).ShouldSucceed().Output.Select(o => o.ToString()).ToList();
            var examples = session.Run("@((Get-Help -Name $Name -Examples).examples.example).Count", variables).ShouldSucceed().Output.Single();

            var synopsis = help.Properties["Synopsis"].Value?.ToString() ?? string.Empty;
            Assert.False(synopsis.Length == 0 || synopsis.StartsWith(cmdlet, System.StringComparison.Ordinal), $"{cmdlet} has no synopsis: docs/en-US/{cmdlet}.md is missing or not built into en-US/Seedance.dll-Help.xml.");
            var undocumented = parameters.Except(described).ToList();
            Assert.True(undocumented.Count == 0, $"docs/en-US/{cmdlet}.md has no '### -Name' description for: {string.Join(", ", undocumented)}.");
            Assert.True((int)examples.BaseObject >= 2, $"docs/en-US/{cmdlet}.md needs at least two examples; Get-Help shows {examples}.");
        }

        [Fact]
        public void Exported_cmdlets_are_found_for_the_help_test() => Assert.Contains(ExportedCmdlets(), c => (string)c[0] == "New-SeedancePrompt");

        [Theory]
        [InlineData("about_Seedance", "SEEDANCE_API_KEY")]
        [InlineData("about_Seedance_Prompting", "Never put asset ids, asset:// URLs or in-app labels")]
        public void About_topics_are_found_by_Get_Help(string topic, string expected)
        {
            using var session = new PowerShellSession();

            var text = string.Join("\n", session.Run("Get-Help -Name $Topic", new Dictionary<string, object?> { ["Topic"] = topic }).ShouldSucceed().Output.Select(o => o.ToString()));

            Assert.Contains(expected, text, System.StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void Cmdlet_help_shows_the_page_description_and_example_code()
        {
            using var session = new PowerShellSession();

            var description = session.Run("(Get-Help New-SeedancePrompt).description | ForEach-Object { $_.Text }").ShouldSucceed().Output.Select(o => o.ToString()).ToList();
            var code = session.Run("(Get-Help New-SeedancePrompt -Examples).examples.example | ForEach-Object { $_.code }").ShouldSucceed().Output.Select(o => o.ToString()).ToList();

            Assert.Contains(description, d => d.Contains("director instructions", System.StringComparison.Ordinal));
            Assert.Contains(code, c => c.Contains("| New-SeedanceVideo", System.StringComparison.Ordinal) || c.Contains("|\n    New-SeedanceVideo", System.StringComparison.Ordinal));
        }
    }
}
