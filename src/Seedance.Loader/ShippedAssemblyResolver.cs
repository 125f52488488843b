using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace Seedance.Loader
{
    /// <summary>
    /// Windows PowerShell 5.1 has one load context per process. .NET Framework applies no binding redirects to modules,
    /// so the module's libraries ask for versions of each other that differ from the files shipped (System.Memory asks for
    /// an older System.Runtime.CompilerServices.Unsafe, for example). This resolver answers those requests, and only
    /// those: an assembly the module folder holds, at the requested version or newer. Every other request is left alone.
    /// </summary>
    internal static class ShippedAssemblyResolver
    {
        private static readonly HashSet<string> Registered = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Registers the resolver for <paramref name="directory"/> once, then loads the module assembly.</summary>
        public static Assembly LoadModule(string directory, string moduleFileName)
        {
            lock (Registered)
            {
                if (Registered.Add(directory))
                {
                    AppDomain.CurrentDomain.AssemblyResolve += (_, args) => Resolve(directory, new AssemblyName(args.Name));
                }
            }

            return Assembly.LoadFrom(Path.Combine(directory, moduleFileName));
        }

        private static Assembly? Resolve(string directory, AssemblyName requested)
        {
            var shipped = Path.Combine(directory, requested.Name + ".dll");
            if (!File.Exists(shipped))
            {
                return null;
            }

            var version = AssemblyName.GetAssemblyName(shipped).Version;
            return version >= (requested.Version ?? new Version(0, 0)) ? Assembly.LoadFrom(shipped) : null;
        }
    }
}
