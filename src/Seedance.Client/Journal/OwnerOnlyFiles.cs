using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Seedance.Client.Journal
{
    /// <summary>
    /// Keeps the journal private on Linux and macOS: the folder the module creates for it is readable by its owner alone
    /// (0700) and so is each file it creates there (0600), since the journal holds prompts, request bodies and signed
    /// result URLs that open paid videos. Folders the module did not create keep their modes. On Windows the per-user
    /// profile folders are private already, and there is nothing to do.
    /// </summary>
    /// <remarks>
    /// The module targets netstandard2.0, which has no API for Unix file modes; PowerShell 7 runs on .NET 8 or later, which
    /// does (File.SetUnixFileMode), so it is called by reflection where it exists.
    /// </remarks>
    internal static class OwnerOnlyFiles
    {
        private const int OwnerReadWrite = 0x180;        // 0600
        private const int OwnerReadWriteSearch = 0x1C0;  // 0700

        private static readonly Type? ModeType = Type.GetType("System.IO.UnixFileMode", throwOnError: false);

        private static readonly MethodInfo? SetMode = ModeType is null || RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? null
            : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), ModeType });

        /// <summary>Creates <paramref name="folder"/> (and its missing parents) if needed; the folder itself, when created here, is the owner's alone.</summary>
        public static void EnsureFolder(string folder)
        {
            if (Directory.Exists(folder))
            {
                return;
            }

            Directory.CreateDirectory(folder);
            Restrict(folder, OwnerReadWriteSearch);
        }

        /// <summary>Makes a file this module has just created readable and writable by its owner alone.</summary>
        public static void RestrictFile(string path) => Restrict(path, OwnerReadWrite);

        private static void Restrict(string path, int mode)
        {
            try
            {
                SetMode?.Invoke(null, new[] { path, Enum.ToObject(ModeType!, mode) });
            }
            catch (TargetInvocationException e) when (e.InnerException is IOException or UnauthorizedAccessException)
            {
                // A file system without Unix modes (a mounted Windows share, say): the journal still works, as before.
            }
        }
    }
}
