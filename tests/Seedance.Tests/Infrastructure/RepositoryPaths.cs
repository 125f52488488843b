using System;
using System.IO;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>Where the repository and the built module are, found from the test's own folder.</summary>
    public static class RepositoryPaths
    {
        public static string Root { get; } = FindRoot();

        public static string ModuleManifest => Path.Combine(Root, "out", "Seedance", "Seedance.psd1");

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
