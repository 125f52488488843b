using System.Linq;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    public sealed class ModuleImportTests
    {
        [Fact]
        public void Built_module_imports_in_a_fresh_session_and_exports_its_cmdlets()
        {
            using var session = new PowerShellSession();

            var names = session.Run("Get-Command -Module Seedance | ForEach-Object { $_.Name }").ShouldSucceed()
                .Output.Select(o => o.ToString()).ToArray();

            Assert.Contains("Get-SeedanceConfiguration", names);
            Assert.Contains("Set-SeedanceConfiguration", names);
        }

        [Fact]
        public void Manifest_passes_Test_ModuleManifest_and_declares_both_editions()
        {
            using var session = new PowerShellSession(importModule: false);

            var manifest = session.Run("Test-ModuleManifest -Path $ManifestPath -ErrorAction Stop", new System.Collections.Generic.Dictionary<string, object?> { ["ManifestPath"] = RepositoryPaths.ModuleManifest })
                .ShouldSucceed().Output.Single();

            Assert.Equal("Seedance", manifest.Properties["Name"].Value);
            Assert.Equal(new[] { "Desktop", "Core" }, ((System.Collections.IEnumerable)manifest.Properties["CompatiblePSEditions"].Value).Cast<object>().Select(o => o.ToString()));
            Assert.Equal("5.1", manifest.Properties["PowerShellVersion"].Value.ToString());
        }
    }
}
