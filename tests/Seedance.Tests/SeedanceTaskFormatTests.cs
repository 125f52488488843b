using System;
using System.Linq;
using System.Text.RegularExpressions;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>The Seedance.SeedanceTask views are the ones PowerShell picks, the default table fits an 80-column console.
    /// Only Out-Host renders in the hosted engine (Format-Table and Out-String are not there), so these render through a recording console.</summary>
    public sealed class SeedanceTaskFormatTests
    {
        private const string Tasks =
            """
            # The client assembly loads on first use; the test makes tasks before any cmdlet has used it.
            $null = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine((Get-Module Seedance).ModuleBase, 'Seedance.Client.dll'))
            $now = [DateTimeOffset]::UtcNow
            $tasks = @(
                [Seedance.SeedanceTask]@{ Id = 'sd2_0123456789abcdef0123'; Status = 'processing'; QualityTier = 'standard'; Resolution = '720p'; Duration = 5; CreditsUsed = 30; CreatedAt = $now.AddSeconds(-75); Prompt = 'a red fox runs through fresh snow at dawn, ' * 8 }
                [Seedance.SeedanceTask]@{ Id = 'sd2_fedcba9876543210fedc'; Status = 'failed'; QualityTier = 'pro'; Resolution = '1080p-plus'; Duration = 15; CreditsUsed = 300; CreditsRefunded = 300; CreatedAt = $now.AddHours(-3); UpdatedAt = $now.AddHours(-2) }
                [Seedance.SeedanceTask]@{ Id = 'sd2_00000000000000000000'; Status = 'completed'; QualityTier = 'mini'; CreditsUsed = 12.5; CreatedAt = $now.AddDays(-2); UpdatedAt = $now.AddDays(-2) }
            )
            """;

        [Fact]
        public void Table_view_is_used_and_fits_80_columns()
        {
            var lines = Render(80, "$tasks | Out-Host");

            Assert.Equal(5, lines.Length);
            Assert.Matches(@"^Id\s+Status\s+Credits\s+Age\s+Prompt$", lines[0]);
            Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
            Assert.Matches(@"^sd2_0123456789abcdef0123\s+processing\s+30\s+1m1\ds\s+a red fox", lines[2]);
            Assert.Matches(@"^sd2_fedcba9876543210fedc\s+failed\s+0\s+3h00m\s*$", lines[3]);
            Assert.Matches(@"^sd2_00000000000000000000\s+completed\s+12\.5\s+2d\s*$", lines[4]);
        }

        // The header is coloured by $PSStyle: measure what the user sees.
        private static string[] Render(int width, string script)
        {
            var host = new RecordingHost(width);
            using var session = new PowerShellSession(host);

            session.Run(Tasks + "\n" + script).ShouldSucceed();

            return host.Lines.Select(l => Regex.Replace(l, "\u001b\\[[0-9;]*m", string.Empty)).Where(l => l.Trim().Length > 0).ToArray();
        }
    }
}
