using System;
using System.IO;

namespace Seedance.Benchmarks
{
    /// <summary>Where the repository, the built modules and the report are, found from the benchmark's own folder.</summary>
    internal static class BenchPaths
    {
        public static string Root { get; } = FindRoot();

        public static string ModuleManifest => Path.Combine(Root, "out", "Seedance", "Seedance.psd1");

        public static string EmptyModuleManifest => Path.Combine(Root, "bench", "Seedance.Benchmarks.EmptyModule", "bin", "module", "EmptyModule", "EmptyModule.psd1");

        public static string EmptyModuleWithViewManifest => Path.Combine(Root, "bench", "Seedance.Benchmarks.EmptyModule", "bin", "module", "EmptyModuleWithView", "EmptyModuleWithView.psd1");

        public static string Report => Path.Combine(Root, "docs", "performance.md");

        /// <summary>The sandbox's own program, for runs that keep its memory out of this process.</summary>
        public static string SandboxProgram => Path.Combine(AppContext.BaseDirectory, "Seedance.Sandbox.dll");

        private static string FindRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Seedance.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Seedance.sln was not found above " + AppContext.BaseDirectory);
        }
    }
}
