using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Seedance.Loader
{
    /// <summary>
    /// Called by Seedance.psm1 once it has imported the cmdlet assembly: the manifest module exports the cmdlets, and on
    /// PowerShell 7 scripts can name the module's types. Done here rather than in script because each reflective call
    /// from script costs the import tens of times more.
    /// </summary>
    public static class ModuleExports
    {
        // An assembly imported before (another runspace, or Import-Module -Force) comes back from PowerShell's cache without
        // its cmdlets exported to the importing module (PowerShell issue 20710), so they are exported explicitly.
        private static readonly MethodInfo AddExportedCmdlet =
            typeof(PSModuleInfo).GetMethod("AddExportedCmdlet", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new MissingMethodException(nameof(PSModuleInfo), "AddExportedCmdlet");

        /// <summary>Exports <paramref name="cmdlets"/>' cmdlets through <paramref name="manifestModule"/>, and names the module's types.</summary>
        /// <param name="cmdlets">The module that Import-Module -Assembly made of Seedance.dll.</param>
        /// <param name="manifestModule">The module being imported (Seedance.psm1's own).</param>
        public static void Publish(PSModuleInfo cmdlets, PSModuleInfo manifestModule)
        {
            if (cmdlets is null)
            {
                throw new ArgumentNullException(nameof(cmdlets));
            }

            foreach (var cmdlet in cmdlets.ExportedCmdlets.Values)
            {
                AddExportedCmdlet.Invoke(manifestModule, new object[] { cmdlet });
            }

            var moduleAssembly = cmdlets.ImplementingAssembly;
            if (moduleAssembly is not null && !ModuleAssemblyLoader.IsNetFramework)
            {
                TypeNames.Register(moduleAssembly);
            }
        }

        /// <summary>
        /// PowerShell 7: the module's types live in its own load context, where scripts cannot find them by name, so their
        /// full names ([Seedance.SeedanceTask], [Seedance.Prompts.SeedancePrompt]...) become type accelerators. The table
        /// is process-wide: it is filled again only when it names another copy of the module (another version imported since).
        /// </summary>
        private static class TypeNames
        {
            private static readonly Type Accelerators = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators", throwOnError: true)!;
            private static readonly MethodInfo Add = Accelerators.GetMethod("Add", new[] { typeof(string), typeof(Type) })!;
            private static readonly PropertyInfo Get = Accelerators.GetProperty("Get")!;

            [MethodImpl(MethodImplOptions.NoInlining)]
            public static void Register(Assembly moduleAssembly)
            {
                var known = (Dictionary<string, Type>)Get.GetValue(null)!;
                var marker = moduleAssembly.GetExportedTypes().First();
                if (known.TryGetValue(marker.FullName!, out var current) && current == marker)
                {
                    return;
                }

                var context = AssemblyLoadContext.GetLoadContext(moduleAssembly)!;
                var client = context.LoadFromAssemblyName(moduleAssembly.GetReferencedAssemblies().Single(name => name.Name == "Seedance.Client"));
                foreach (var type in moduleAssembly.GetExportedTypes().Concat(client.GetExportedTypes()))
                {
                    Add.Invoke(null, new object[] { type.FullName!, type });
                }
            }
        }
    }
}
