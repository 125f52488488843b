using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>Pester suites and build.ps1 cannot run here, but every script in the repository must at least parse.</summary>
    public sealed class ScriptParseTests
    {
        public static IEnumerable<object[]> Scripts() =>
            Directory.EnumerateFiles(RepositoryPaths.Root, "*.*", SearchOption.AllDirectories)
                .Where(path => path.EndsWith(".ps1", System.StringComparison.Ordinal) || path.EndsWith(".psm1", System.StringComparison.Ordinal) || path.EndsWith(".psd1", System.StringComparison.Ordinal))
                .Where(path => !IsBuildOutput(Path.GetRelativePath(RepositoryPaths.Root, path)))
                .Select(path => new object[] { Path.GetRelativePath(RepositoryPaths.Root, path) });

        [Theory]
        [MemberData(nameof(Scripts))]
        public void Script_parses_without_errors(string relativePath)
        {
            Parser.ParseFile(Path.Combine(RepositoryPaths.Root, relativePath), out _, out var errors);

            Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{relativePath}:{e.Extent.StartLineNumber}: {e.Message}")));
        }

        [Fact]
        public void Repository_has_scripts_to_parse() => Assert.Contains(Scripts(), s => (string)s[0] == "build.ps1");

        private static bool IsBuildOutput(string relative) =>
            relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "out" or ".git" or "TestResults");
    }
}
