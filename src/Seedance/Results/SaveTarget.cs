using System;
using System.IO;
using System.Management.Automation;

namespace Seedance.Results
{
    /// <summary>Where and how results are saved: a folder (one file per task) or one file name.</summary>
    internal sealed class SaveTarget
    {
        public SaveTarget(string path, bool isFolder, bool includeLastFrame, bool force)
        {
            Path = path;
            IsFolder = isFolder;
            IncludeLastFrame = includeLastFrame;
            Force = force;
        }

        /// <summary>
        /// Resolves a PowerShell path: a folder when it is an existing folder or ends with a separator (created when
        /// missing), else a file name (its folder is created when missing).
        /// </summary>
        public static SaveTarget Resolve(PSCmdlet cmdlet, string path, bool? folder, bool includeLastFrame, bool force)
        {
            var resolved = cmdlet.GetUnresolvedProviderPathFromPSPath(path);
            var isFolder = folder ?? Directory.Exists(resolved) || path.EndsWith("/", StringComparison.Ordinal) || path.EndsWith("\\", StringComparison.Ordinal);
            Directory.CreateDirectory(isFolder ? resolved : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(resolved))!);
            return new SaveTarget(resolved, isFolder, includeLastFrame, force);
        }

        /// <summary>A file-system path (already resolved from the PowerShell path).</summary>
        public string Path { get; }

        public bool IsFolder { get; }

        public bool IncludeLastFrame { get; }

        public bool Force { get; }
    }
}
