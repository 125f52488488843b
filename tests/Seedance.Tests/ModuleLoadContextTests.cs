using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    public sealed class ModuleLoadContextTests
    {
        [Fact]
        public void Cmdlets_and_client_load_in_the_module_context_not_the_default_one()
        {
            using var session = new PowerShellSession();

            // Reading the base URI makes the cmdlet use Seedance.Client, so the client assembly is loaded by then.
            var assembly = (Assembly)session.Run("$null = (Get-SeedanceConfiguration).BaseUri; (Get-Command Get-SeedanceConfiguration).ImplementingType.Assembly").ShouldSucceed().Output.Single().BaseObject;
            var context = AssemblyLoadContext.GetLoadContext(assembly)!;

            Assert.NotSame(AssemblyLoadContext.Default, context);
            Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == "Seedance");
            // The client the cmdlets bind to is the module context's own copy (a script may still load another one by path).
            var client = context.LoadFromAssemblyName(assembly.GetReferencedAssemblies().Single(r => r.Name == "Seedance.Client"));
            Assert.Same(context, AssemblyLoadContext.GetLoadContext(client));
            Assert.Contains(client, context.Assemblies);
        }

        [Fact]
        public void Loader_keeps_one_assembly_identity_so_a_later_module_version_imports_beside_an_earlier_one()
        {
            // The manifest loads Seedance.Loader.dll with RequiredAssemblies, and a process holds one assembly of that name:
            // a loader of another assembly version would fail the second import ("Assembly with same name is already loaded").
            var loader = AssemblyName.GetAssemblyName(Path.Combine(RepositoryPaths.Root, "out", "Seedance", "Seedance.Loader.dll"));

            Assert.Equal(new Version(1, 0, 0, 0), loader.Version);
        }

        [Fact]
        public void Module_imports_again_in_later_sessions_with_all_its_cmdlets()
        {
            for (var i = 0; i < 3; i++)
            {
                using var session = new PowerShellSession();
                var names = session.Run("Get-Command -Module Seedance | ForEach-Object { $_.Name }").ShouldSucceed().Output.Select(o => o.ToString()).ToArray();
                Assert.Contains("Get-SeedanceConfiguration", names);
                Assert.Contains("Set-SeedanceConfiguration", names);
            }
        }
    }
}
