using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests.Journal
{
    /// <summary>Where the journal lives and how it is turned off: session settings first, then SEEDANCE_JOURNAL_PATH / SEEDANCE_JOURNAL.</summary>
    [Collection("Environment")]
    public sealed class JournalConfigurationTests
    {
        [Fact]
        public void Default_journal_is_per_user_by_OS_convention()
        {
            using var session = new PowerShellSession();

            var configuration = session.Run("Set-SeedanceConfiguration -Reset -PassThru").ShouldSucceed().Output.Single();

            var path = (string)configuration.Properties["JournalPath"].Value;
            Assert.True((bool)configuration.Properties["JournalEnabled"].Value || Environment.GetEnvironmentVariable("SEEDANCE_JOURNAL") is not null);
            if (OperatingSystem.IsWindows())
            {
                Assert.StartsWith(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), path, StringComparison.OrdinalIgnoreCase);
            }
            else if (OperatingSystem.IsMacOS())
            {
                Assert.Contains("Library/Application Support/Seedance", path, StringComparison.Ordinal);
            }
            else if (Environment.GetEnvironmentVariable("SEEDANCE_JOURNAL_PATH") is null)
            {
                var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
                Assert.Equal(Path.Combine(dataHome, "seedance", "journal.jsonl"), path);
            }
        }

        [Fact]
        public void Environment_variables_move_and_turn_off_the_journal_and_session_settings_win()
        {
            var moved = Path.Combine(Path.GetTempPath(), "seedance-env-" + Guid.NewGuid().ToString("N"), "journal.jsonl");
            try
            {
                Environment.SetEnvironmentVariable("SEEDANCE_JOURNAL_PATH", moved);
                Environment.SetEnvironmentVariable("SEEDANCE_JOURNAL", "off");
                using var session = new PowerShellSession();

                // The configuration is one live object per session: read each state before changing it again.
                var fromEnvironment = session.Run("Set-SeedanceConfiguration -Reset -PassThru").ShouldSucceed().Output.Single();
                Assert.Equal(moved, fromEnvironment.Properties["JournalPath"].Value);
                Assert.False((bool)fromEnvironment.Properties["JournalEnabled"].Value);

                var explicitPath = session.Run("Set-SeedanceConfiguration -JournalPath $Here -PassThru", new Dictionary<string, object?> { ["Here"] = session.JournalPath }).ShouldSucceed().Output.Single();
                Assert.Equal(session.JournalPath, explicitPath.Properties["JournalPath"].Value);
                Assert.True((bool)explicitPath.Properties["JournalEnabled"].Value);

                var both = session.Run("Set-SeedanceConfiguration -JournalPath $Here -NoJournal", new Dictionary<string, object?> { ["Here"] = session.JournalPath });
                var error = both.Terminating is System.Management.Automation.RuntimeException stopped ? stopped.ErrorRecord : Assert.Single(both.Errors);
                Assert.StartsWith("AmbiguousParameterSet", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            }
            finally
            {
                Environment.SetEnvironmentVariable("SEEDANCE_JOURNAL_PATH", null);
                Environment.SetEnvironmentVariable("SEEDANCE_JOURNAL", null);
            }
        }
    }
}
