using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>
    /// Before any test runs, this process gets a HOME and per-user data folders of its own (so no engine it hosts reads
    /// or writes the user's journal, vault or modules) and a module path that holds only the engine's own modules, so
    /// what the machine has installed (SecretManagement, say) never changes a result.
    /// </summary>
    internal static class TestProcessIsolation
    {
        public static string Home { get; } = Path.Combine(Path.GetTempPath(), "seedance-tests-" + Guid.NewGuid().ToString("N"));

        /// <summary>The only folders on the module path of every engine this process hosts.</summary>
        public static string ModulePath { get; } = Path.Combine(AppContext.BaseDirectory, "Modules");

        [ModuleInitializer]
        internal static void Isolate()
        {
            Directory.CreateDirectory(Home);
            Environment.SetEnvironmentVariable("HOME", Home);
            Environment.SetEnvironmentVariable("USERPROFILE", Home);
            Environment.SetEnvironmentVariable("LOCALAPPDATA", Path.Combine(Home, "AppData", "Local"));
            Environment.SetEnvironmentVariable("APPDATA", Path.Combine(Home, "AppData", "Roaming"));
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", Path.Combine(Home, ".local", "share"));
            Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", Path.Combine(Home, ".config"));
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", Path.Combine(Home, ".cache"));
            foreach (var name in new[] { "SEEDANCE_API_KEY", "SEEDANCE_BASE_URI", "SEEDANCE_JOURNAL", "SEEDANCE_JOURNAL_PATH", "SEEDANCE_RATE_LIMIT_SCOPE" })
            {
                Environment.SetEnvironmentVariable(name, null);
            }

            // Windows finds %LOCALAPPDATA% without the variable: the shared rate ledger is moved explicitly.
            Environment.SetEnvironmentVariable("SEEDANCE_RATE_LEDGER_PATH", Path.Combine(Home, "rate-limit"));

            RestrictModulePath();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(Home);
        }

        /// <summary>
        /// Sets the module path back to <see cref="ModulePath"/>: an engine prepends the user's and the machine's module
        /// folders to it each time one starts.
        /// </summary>
        public static void RestrictModulePath() => Environment.SetEnvironmentVariable("PSModulePath", ModulePath);

        private static void TryDelete(string folder)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
