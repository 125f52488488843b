using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>
    /// The .nupkg that build.ps1 -Task Package and dotnet pack make: a module package as Publish-PSResource makes it, which
    /// installs into a clean module path and imports from there.
    /// </summary>
    public sealed class ModulePackageTests : IDisposable
    {
        private static readonly XNamespace Nuspec = "http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd";
        private readonly string _modules = Path.Combine(Path.GetTempPath(), "seedance-modules-" + Guid.NewGuid().ToString("N"));

        private static string ModuleVersion()
        {
            using var session = new PowerShellSession(importModule: false);
            return session.Run("(Test-ModuleManifest -Path $ManifestPath -ErrorAction Stop).Version.ToString()", new Dictionary<string, object?> { ["ManifestPath"] = RepositoryPaths.ModuleManifest })
                .ShouldSucceed().Output.Single().ToString();
        }

        private static string PackagePath(string version) => Path.Combine(RepositoryPaths.Root, "out", "package", $"Seedance.{version}.nupkg");

        /// <summary>What Install-PSResource does with a module package: extract it into Modules/Name/Version, minus NuGet's own files.</summary>
        private string Install(string version)
        {
            var target = Path.Combine(_modules, "Seedance", version);
            using var package = ZipFile.OpenRead(PackagePath(version));
            foreach (var entry in package.Entries.Where(e => e.Name.Length > 0))
            {
                var name = Uri.UnescapeDataString(entry.FullName);
                if (name is "[Content_Types].xml" || name.StartsWith("_rels/", StringComparison.Ordinal) || name.StartsWith("package/", StringComparison.Ordinal) || name.EndsWith(".nuspec", StringComparison.Ordinal))
                {
                    continue;
                }

                var path = Path.Combine(target, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                entry.ExtractToFile(path);
            }

            return target;
        }

        [Fact]
        public void Every_shipped_assembly_carries_the_version_of_the_manifest_its_one_home()
        {
            var version = ModuleVersion();

            foreach (var name in new[] { "Seedance.dll", "Seedance.Client.dll", "Seedance.Loader.dll" })
            {
                var info = System.Diagnostics.FileVersionInfo.GetVersionInfo(Path.Combine(RepositoryPaths.Root, "out", "Seedance", name));
                Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(version) + @"(\+|$)", info.ProductVersion);
            }
        }

        [Fact]
        public void Nuspec_is_a_module_package_with_the_manifest_version_and_a_tag_per_cmdlet()
        {
            var version = ModuleVersion();
            using var package = ZipFile.OpenRead(PackagePath(version));
            using var stream = package.GetEntry("Seedance.nuspec")!.Open();
            var metadata = XDocument.Load(stream).Root!.Element(Nuspec + "metadata")!;
            using var session = new PowerShellSession(importModule: false);
            var cmdlets = session.Run("(Test-ModuleManifest -Path $ManifestPath).ExportedCmdlets.Keys", new Dictionary<string, object?> { ["ManifestPath"] = RepositoryPaths.ModuleManifest })
                .ShouldSucceed().Output.Select(o => o.ToString()).ToList();

            Assert.Equal("Seedance", metadata.Element(Nuspec + "id")!.Value);
            Assert.Equal(version, metadata.Element(Nuspec + "version")!.Value);
            Assert.Equal("MIT", metadata.Element(Nuspec + "license")!.Value);
            Assert.False(string.IsNullOrWhiteSpace(metadata.Element(Nuspec + "description")!.Value));
            Assert.False(string.IsNullOrWhiteSpace(metadata.Element(Nuspec + "authors")!.Value));
            var tags = metadata.Element(Nuspec + "tags")!.Value.Split(' ');
            Assert.Contains("PSModule", tags);
            Assert.Contains("PSIncludes_Cmdlet", tags);
            Assert.Contains("PSEdition_Desktop", tags);
            Assert.Contains("PSEdition_Core", tags);
            Assert.NotEmpty(cmdlets);
            Assert.All(cmdlets, c => Assert.Contains("PSCmdlet_" + c, tags));
            Assert.Contains(package.Entries, e => e.FullName == "Seedance.psd1");
            Assert.Contains(package.Entries, e => e.FullName == "en-US/Seedance.dll-Help.xml");
            Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) || e.FullName.EndsWith(".pdb", StringComparison.Ordinal));
        }

        [Fact]
        public void Package_carries_the_user_readme()
        {
            using var package = ZipFile.OpenRead(PackagePath(ModuleVersion()));
            using var nuspec = package.GetEntry("Seedance.nuspec")!.Open();
            var readme = XDocument.Load(nuspec).Root!.Element(Nuspec + "metadata")!.Element(Nuspec + "readme");

            Assert.Equal("README.md", readme?.Value);
            using var reader = new StreamReader(package.GetEntry("README.md")!.Open());
            Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Seedance.Package", "README.md")), reader.ReadToEnd());
        }

        [Fact]
        public void Package_installs_into_a_clean_module_path_and_imports_with_commands_and_help()
        {
            var version = ModuleVersion();
            var installed = Install(version);
            using var session = new PowerShellSession(importModule: false);
            var variables = new Dictionary<string, object?> { ["ModuleFolder"] = Path.Combine(_modules, "Seedance") };

            var module = session.Run("Import-Module -Name $ModuleFolder -PassThru -ErrorAction Stop", variables).ShouldSucceed().Output.Single();
            var commands = session.Run("Get-Command -Module Seedance | ForEach-Object { $_.Name }").ShouldSucceed().Output.Select(o => o.ToString()).ToList();
            var prompt = session.Run("(New-SeedancePrompt -Subject 'a fox' -NoConstraints).Prompt").ShouldSucceed().Output.Single();
            var synopsis = session.Run("(Get-Help New-SeedancePrompt).Synopsis").ShouldSucceed().Output.Single();
            var about = session.Run("Get-Help about_Seedance").ShouldSucceed().Output.Single();
            var manifest = session.Run("Test-ModuleManifest -Path $InstalledManifest -ErrorAction Stop", new Dictionary<string, object?> { ["InstalledManifest"] = Path.Combine(installed, "Seedance.psd1") }).ShouldSucceed().Output.Single();

            Assert.Equal(version, module.Properties["Version"].Value.ToString());
            Assert.Equal(Path.GetFullPath(installed).TrimEnd(Path.DirectorySeparatorChar), ((string)module.Properties["ModuleBase"].Value).TrimEnd(Path.DirectorySeparatorChar));
            Assert.Contains("New-SeedancePrompt", commands);
            Assert.Contains("New-SeedanceVideo", commands);
            Assert.Equal("Subject: a fox.", prompt.ToString());
            Assert.Equal("Composes a director-style prompt for New-SeedanceVideo from its parts.", synopsis.ToString());
            Assert.Contains("SEEDANCE_API_KEY", about.ToString(), StringComparison.Ordinal);
            Assert.Equal("Seedance", manifest.Properties["Name"].Value);

            // One version's assemblies load once per process (the build output may have come first in this test process):
            // the installed folder must hold every assembly the module's code has loaded.
            var loaded = session.Run(
                "$null = New-SeedancePrompt -Subject 'a fox'; [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext((Get-Command New-SeedancePrompt).ImplementingType.Assembly).Assemblies | ForEach-Object { [System.IO.Path]::GetFileName($_.Location) }")
                .ShouldSucceed().Output.Select(o => o.ToString()).ToList();
            Assert.Contains("Seedance.Client.dll", loaded);
            Assert.All(loaded, file => Assert.True(File.Exists(Path.Combine(installed, file)), $"{file} is loaded by the module but missing from the package."));
        }

        public void Dispose()
        {
            if (Directory.Exists(_modules))
            {
                Directory.Delete(_modules, recursive: true);
            }
        }
    }
}
