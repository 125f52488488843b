using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using Seedance.Sandbox;
using Seedance.Tests.Infrastructure;
using Xunit;

namespace Seedance.Tests
{
    /// <summary>
    /// Another module loaded older Polly.Core and Microsoft.Bcl.AsyncInterfaces into the session first: Seedance still
    /// works, and its code runs on the copies it ships, from its own load context.
    /// </summary>
    public sealed class DependencyIsolationTests
    {
        private static readonly string ModuleDirectory = Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!;

        private static string OlderAssembly(string key) =>
            typeof(DependencyIsolationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

        [Fact]
        public async Task Retrying_submit_works_on_the_module_copies_after_older_versions_were_loaded_by_another_module()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
            sandbox.Faults.Enqueue(SandboxFaultKind.ServiceBusy503, count: 2);
            using var session = new PowerShellSession(importModule: false);
            var older = session.Run(
                "[System.Reflection.Assembly]::LoadFrom($Polly); [System.Reflection.Assembly]::LoadFrom($Bcl)",
                new Dictionary<string, object?> { ["Polly"] = OlderAssembly("OlderPollyCore"), ["Bcl"] = OlderAssembly("OlderBclAsyncInterfaces") })
                .ShouldSucceed().Output.Select(o => (Assembly)o.BaseObject).ToList();
            Assert.Equal(new Version(8, 0, 0, 0), older[0].GetName().Version);
            Assert.Equal("8.1.0", older[0].GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0]);
            Assert.Equal(new Version(1, 0, 0, 0), older[1].GetName().Version);
            Assert.All(older, a => Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(a)));

            var variables = SeedanceSessions.KeyVariable();
            variables["ManifestPath"] = RepositoryPaths.ModuleManifest;
            variables["BaseUri"] = sandbox.BaseUri;
            var result = session.Run(
                """
                Import-Module -Name $ManifestPath -ErrorAction Stop
                Set-SeedanceConfiguration -BaseUri $BaseUri -RetryBudgetSeconds 60
                New-SeedanceVideo -Prompt 'a paper boat on a rainy street' -ApiKey $Key -Confirm:$false
                """,
                variables).ShouldSucceed();

            Assert.StartsWith("sd2_", (string)Assert.Single(result.Output).Properties["Id"].Value, StringComparison.Ordinal);
            var submits = sandbox.RequestLog.Where(r => r.Method == "POST").ToList();
            Assert.Equal(3, submits.Count);
            Assert.Single(submits.Select(r => r.IdempotencyKey).Distinct());

            var cmdlets = (Assembly)session.Run("(Get-Command New-SeedanceVideo).ImplementingType.Assembly").ShouldSucceed().Output.Single().BaseObject;
            var context = AssemblyLoadContext.GetLoadContext(cmdlets)!;
            Assert.NotSame(AssemblyLoadContext.Default, context);
            var polly = Assert.Single(context.Assemblies, a => a.GetName().Name == "Polly.Core");
            Assert.Equal(Path.Combine(ModuleDirectory, "Polly.Core.dll"), polly.Location);
            Assert.NotEqual("8.1.0", polly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0]);

            // Whatever Polly.Core asks for from Microsoft.Bcl.*, the module's context answers with the module's own file.
            var bclReferences = polly.GetReferencedAssemblies().Concat(context.Assemblies.Single(a => a.GetName().Name == "Seedance.Client").GetReferencedAssemblies())
                .Where(r => r.Name!.StartsWith("Microsoft.Bcl.", StringComparison.Ordinal)).ToList();
            Assert.Contains(bclReferences, r => r.Name == "Microsoft.Bcl.AsyncInterfaces");
            Assert.All(bclReferences, r => Assert.Equal(Path.Combine(ModuleDirectory, r.Name + ".dll"), context.LoadFromAssemblyName(r).Location));
        }
    }
}
