using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Seedance.Loader
{
    /// <summary>
    /// PowerShell 7: the module's own load context. Seedance.dll, Seedance.Client and the libraries they bring
    /// (Polly.Core, Microsoft.Bcl.*) load here from the module folder, whatever versions other modules loaded into the
    /// default context. PowerShell itself and the .NET framework assemblies (System.Text.Json included, when the running
    /// .NET has the version the module needs) stay shared with the default context, so types cross the boundary intact.
    /// </summary>
    internal sealed class ModuleLoadContext : AssemblyLoadContext
    {
        private static readonly Dictionary<string, Assembly> Modules = new(StringComparer.Ordinal);
        private static readonly string FrameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
        private readonly string _directory;

        private ModuleLoadContext(string directory) => _directory = directory;

        /// <summary>
        /// The module assembly in <paramref name="directory"/>, loaded once per version and process. A second folder with
        /// the same version (an installed copy and a build output, say) gets the copy already loaded, as PowerShell's own
        /// loading would: PowerShell caches cmdlet metadata by type name, so two copies of one version cannot coexist.
        /// </summary>
        public static Assembly LoadModule(string directory, string moduleFileName)
        {
            var path = Path.Combine(directory, moduleFileName);
            var identity = AssemblyName.GetAssemblyName(path).FullName;
            lock (Modules)
            {
                if (!Modules.TryGetValue(identity, out var module))
                {
                    module = new ModuleLoadContext(directory).LoadFromAssemblyPath(path);
                    Modules.Add(identity, module);
                }

                return module;
            }
        }

        /// <inheritdoc />
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var shipped = Path.Combine(_directory, assemblyName.Name + ".dll");
            if (!File.Exists(shipped) || FrameworkSatisfies(assemblyName))
            {
                return null;
            }

            return LoadFromAssemblyPath(shipped);
        }

        /// <summary>Whether the running .NET has this assembly itself, at the requested version or newer.</summary>
        private static bool FrameworkSatisfies(AssemblyName requested)
        {
            var framework = Path.Combine(FrameworkDirectory, requested.Name + ".dll");
            return File.Exists(framework)
                && AssemblyName.GetAssemblyName(framework).Version >= (requested.Version ?? new Version(0, 0));
        }
    }
}
