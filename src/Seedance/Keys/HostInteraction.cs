using System.Management.Automation.Host;

namespace Seedance.Keys
{
    /// <summary>Decides whether someone can answer a prompt in this session.</summary>
    internal static class HostInteraction
    {
        private const string NonInteractiveSwitch = "noninteractive";
        private const string ConsoleHostName = "ConsoleHost";
        private const string UiLessHostName = "Default Host";

        /// <summary>
        /// A prompt is only safe when someone can answer it, so any one sign that nobody can is enough to refuse:
        /// no interactive desktop (a service, or a scheduled task that runs whether the user is logged on or not);
        /// a process started with -NonInteractive (pwsh and powershell accept abbreviations down to -noni);
        /// a host with no UI (the engine's "Default Host", which programs that host PowerShell without a UI get, and
        /// whose prompts throw); or the console host reading redirected input,
        /// where a prompt would swallow the script's input or wait forever. Guessing "interactive" wrongly can hang a
        /// scheduled job, guessing "non-interactive" wrongly only costs a clear error, so the rule leans that way.
        /// </summary>
        public static bool IsInteractive(PSHost? host) =>
            Environment.UserInteractive
            && !StartedNonInteractive()
            && host?.UI?.RawUI is not null
            && host.Name != UiLessHostName
            && !(host.Name == ConsoleHostName && Console.IsInputRedirected);

        private static bool StartedNonInteractive() =>
            Environment.GetCommandLineArgs().Skip(1).Any(IsNonInteractiveSwitch);

        private static bool IsNonInteractiveSwitch(string argument)
        {
            var name = argument.TrimStart('-', '/');
            return name.Length >= 4 && name.Length < argument.Length
                && NonInteractiveSwitch.StartsWith(name, StringComparison.OrdinalIgnoreCase);
        }
    }
}
