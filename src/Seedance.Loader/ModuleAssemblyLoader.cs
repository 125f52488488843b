using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Seedance.Loader
{
    /// <summary>
    /// Called by Seedance.psm1: loads the module's cmdlet assembly so that the module's dependencies never clash with the
    /// versions other modules loaded into the same PowerShell session.
    /// </summary>
    public static class ModuleAssemblyLoader
    {
        /// <summary>The assembly that holds the cmdlets, in the module folder next to this loader.</summary>
        public const string ModuleAssemblyFileName = "Seedance.dll";

        /// <summary>
        /// Loads Seedance.dll from <paramref name="moduleDirectory"/>: on PowerShell 7 into the module's own
        /// AssemblyLoadContext; on Windows PowerShell 5.1 next to a resolver that answers only for the files the module ships.
        /// </summary>
        public static Assembly Load(string moduleDirectory)
        {
            if (string.IsNullOrEmpty(moduleDirectory))
            {
                throw new ArgumentException("The module folder is required.", nameof(moduleDirectory));
            }

            var directory = Path.GetFullPath(moduleDirectory);
            return IsNetFramework ? LoadOnNetFramework(directory) : LoadInOwnContext(directory);
        }

        // Each branch is a method of its own: .NET Framework has no AssemblyLoadContext, so the JIT must never compile a
        // method that mentions ModuleLoadContext there.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Assembly LoadInOwnContext(string directory) => ModuleLoadContext.LoadModule(directory, ModuleAssemblyFileName);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Assembly LoadOnNetFramework(string directory) => ShippedAssemblyResolver.LoadModule(directory, ModuleAssemblyFileName);

        /// <summary>True on Windows PowerShell 5.1, which runs on .NET Framework.</summary>
        internal static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);
    }
}
