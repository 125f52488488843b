using Microsoft.PowerShell.Commands;
using Seedance.Client.Downloads;

namespace Seedance.Results
{
    /// <summary>Where and how results are saved: a folder (one file per task) or one file name.</summary>
    internal sealed class SaveTarget
    {
        private readonly string _parameter;
        private bool _fileClaimed;

        private SaveTarget(string path, bool isFolder, string parameter, bool includeLastFrame, bool force)
        {
            Path = path;
            IsFolder = isFolder;
            _parameter = parameter;
            IncludeLastFrame = includeLastFrame;
            Force = force;
        }

        /// <summary>A file-system path (already resolved from the PowerShell path).</summary>
        public string Path { get; }

        public bool IsFolder { get; }

        public bool IncludeLastFrame { get; }

        public bool Force { get; }

        /// <summary>
        /// Resolves a PowerShell path without touching the disk. It is a folder when <paramref name="alwaysFolder"/>, when
        /// it is an existing folder, ends with a separator, or has no extension (<c>./videos</c>); else a file name. A
        /// folder that is a file on disk is refused here, before anything is sent or downloaded.
        /// </summary>
        /// <param name="cmdlet">The cmdlet, for the current location.</param>
        /// <param name="path">The path as the user gave it.</param>
        /// <param name="parameter">The parameter the path came from, for the error messages.</param>
        /// <param name="alwaysFolder">The parameter only ever names a folder (-OutputPath).</param>
        /// <param name="includeLastFrame">Save the last frame too.</param>
        /// <param name="force">Replace what is there.</param>
        public static SaveTarget Resolve(PSCmdlet cmdlet, string path, string parameter, bool alwaysFolder, bool includeLastFrame, bool force)
        {
            string resolved;
            try
            {
                resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (provider.ImplementingType != typeof(FileSystemProvider))
                {
                    throw Unusable(parameter, path, "it is not a file-system path");
                }
            }
            catch (Exception e) when (e is RuntimeException or ArgumentException or NotSupportedException)
            {
                throw new SeedanceException(SeedanceErrorCodes.InvalidParameter, $"-{parameter} '{path}' is not a usable path: {e.Message}", innerException: e);
            }

            var named = resolved.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar);
            var endsWithSeparator = path.EndsWith("/", StringComparison.Ordinal) || path.EndsWith("\\", StringComparison.Ordinal);
            var isFolder = alwaysFolder || endsWithSeparator || Directory.Exists(named) || !System.IO.Path.HasExtension(named);
            var folder = isFolder ? named : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(named));
            if (folder is not null && File.Exists(folder))
            {
                throw Unusable(
                    parameter,
                    path,
                    isFolder
                        ? $"it names a folder (a path with no extension, or ending with a separator, is one), and '{folder}' is a file"
                        : $"'{folder}' is a file, not a folder");
            }

            return new SaveTarget(named.Length > 0 ? named : resolved, isFolder, parameter, includeLastFrame, force);
        }

        /// <summary>Creates the folder the results go to when it is missing. Only after ShouldProcess: -WhatIf creates nothing.</summary>
        public void Prepare()
        {
            var folder = IsFolder ? Path : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Unusable(_parameter, Path, $"the folder '{folder}' could not be created ({e.Message})");
            }
        }

        /// <summary>
        /// Before a new job is paid for: a file name takes one video, so a second job aimed at it is refused, and a file
        /// already there cannot be the new job's video, so it is refused unless -Force.
        /// </summary>
        public void ClaimForNewTask()
        {
            if (IsFolder)
            {
                return;
            }

            if (_fileClaimed)
            {
                throw new SeedanceException(
                    SeedanceErrorCodes.InvalidParameter,
                    $"-{_parameter} '{Path}' names one file, and an earlier prompt's video goes there; this prompt was not sent. Give a folder (a path with no extension) to save several videos.");
            }

            if (!Force && PartialFile.Occupied(Path))
            {
                throw new SeedanceException(
                    SeedanceErrorCodes.FileExists,
                    $"-{_parameter} '{Path}' already exists; nothing was sent. Use -Force to replace it, or give another name.");
            }

            _fileClaimed = true;
        }

        private static SeedanceException Unusable(string parameter, string path, string why) =>
            new(SeedanceErrorCodes.PathNotUsable, $"-{parameter} '{path}' cannot hold the results: {why}.");
    }
}
