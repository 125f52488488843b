using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Seedance.Client.Journal
{
    /// <summary>Where the journal lives by default, and the environment variables that move it or turn it off.</summary>
    internal static class JournalLocation
    {
        /// <summary>Moves the journal to this file (for a whole process: CI, scheduled jobs).</summary>
        public const string PathVariable = "SEEDANCE_JOURNAL_PATH";

        /// <summary>Set to <c>off</c> (or <c>0</c>, <c>false</c>, <c>no</c>) to turn the journal off for a whole process.</summary>
        public const string SwitchVariable = "SEEDANCE_JOURNAL";

        /// <summary>The journal's file name inside the default folder.</summary>
        public const string FileName = "journal.jsonl";

        /// <summary>
        /// The per-user default by OS convention: <c>%LOCALAPPDATA%\Seedance</c> on Windows,
        /// <c>~/Library/Application Support/Seedance</c> on macOS, <c>$XDG_DATA_HOME/seedance</c> or
        /// <c>~/.local/share/seedance</c> elsewhere.
        /// </summary>
        public static string DefaultPath
        {
            get
            {
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "Seedance", FileName);
                }

                var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
                {
                    return Path.Combine(home, "Library", "Application Support", "Seedance", FileName);
                }

                var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
                return Path.Combine(dataHome is { Length: > 0 } && Path.IsPathRooted(dataHome) ? dataHome : Path.Combine(home, ".local", "share"), "seedance", FileName);
            }
        }

        /// <summary>The path <c>SEEDANCE_JOURNAL_PATH</c> gives, or null.</summary>
        public static string? EnvironmentPath => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : null;

        /// <summary>True when <c>SEEDANCE_JOURNAL</c> says <c>off</c>, <c>0</c>, <c>false</c>, <c>no</c> or <c>disabled</c>.</summary>
        public static bool DisabledByEnvironment =>
            Environment.GetEnvironmentVariable(SwitchVariable)?.Trim().ToUpperInvariant() is "OFF" or "0" or "FALSE" or "NO" or "DISABLED";
    }
}
