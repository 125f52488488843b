using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Seedance.Benchmarks
{
    /// <summary>
    /// The real pwsh of the tool manifest (<c>dotnet pwsh</c>), started as <c>$PSHOME/pwsh</c> so that no dotnet host
    /// stands between the clock and the shell. Every child gets a throwaway HOME and data folder, so nothing it does (the
    /// journal, the machine-wide rate ledger, a vault, pwsh's own caches) touches the user's, and none of the module's
    /// settings from this process's environment.
    /// </summary>
    internal sealed class RealShell : IDisposable
    {
        private readonly string _home;

        private RealShell(string path, string home, string? secretModules)
        {
            Path = path;
            _home = home;
            SecretModules = secretModules;
        }

        /// <summary>The pwsh program.</summary>
        public string Path { get; }

        /// <summary>The folder holding the real SecretManagement and SecretStore, where this machine has them.</summary>
        public string? SecretModules { get; }

        /// <summary>The throwaway HOME of the children.</summary>
        public string Home => _home;

        public static RealShell Find()
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = BenchPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", "Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet pwsh did not start.");
            var path = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(path))
            {
                throw new InvalidOperationException("The pwsh of the tool manifest was not found (run `dotnet tool restore`): " + process.StandardError.ReadToEnd());
            }

            var home = Directory.CreateTempSubdirectory("seedance-bench-home-").FullName;
            return new RealShell(path, home, FindSecretModules());
        }

        /// <summary>
        /// Runs pwsh with these arguments and waits at most <paramref name="timeout"/>; the wall time is the whole
        /// process's. <paramref name="dataHome"/> names a data folder of its own under the throwaway HOME (a fresh journal
        /// and rate ledger), shared by the runs that name it.
        /// </summary>
        public async Task<ShellRun> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, bool withVaultModules = false, string dataHome = "data")
        {
            var start = new ProcessStartInfo(Path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = _home,
            };
            start.ArgumentList.Add("-NoProfile");
            start.ArgumentList.Add("-NonInteractive");
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["HOME"] = _home;
            start.Environment["XDG_DATA_HOME"] = System.IO.Path.Combine(_home, dataHome);
            start.Environment["XDG_CONFIG_HOME"] = System.IO.Path.Combine(_home, "config");
            start.Environment["XDG_CACHE_HOME"] = System.IO.Path.Combine(_home, "cache");
            start.Environment.Remove("SEEDANCE_API_KEY");
            start.Environment.Remove("SEEDANCE_BASE_URI");
            start.Environment.Remove("SEEDANCE_JOURNAL_PATH");
            start.Environment.Remove("SEEDANCE_RATE_LEDGER_PATH");
            start.Environment.Remove("SEEDANCE_RATE_LIMIT_SCOPE");
            start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            start.Environment["NO_COLOR"] = "1";
            start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            if (withVaultModules && SecretModules is not null)
            {
                start.Environment["PSModulePath"] = SecretModules + System.IO.Path.PathSeparator + Environment.GetEnvironmentVariable("PSModulePath");
            }

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pwsh did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            try
            {
                await process.WaitForExitAsync().WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"pwsh {string.Join(' ', arguments)} ran longer than {timeout.TotalSeconds} s.");
            }

            var elapsed = clock.Elapsed;
            return new ShellRun(process.ExitCode, await output, await errors, elapsed);
        }

        /// <summary>Runs a script of <c>bench/Seedance.Benchmarks/Shell</c> with named parameters; throws unless it exits 0.</summary>
        public async Task<ShellRun> RunScriptAsync(string script, IReadOnlyDictionary<string, string?> parameters, TimeSpan timeout, bool withVaultModules = false, string dataHome = "data")
        {
            var arguments = new List<string> { "-File", System.IO.Path.Combine(AppContext.BaseDirectory, "Shell", script) };
            foreach (var (name, value) in parameters)
            {
                arguments.Add("-" + name);
                if (value is not null)
                {
                    arguments.Add(value);
                }
            }

            var run = await RunAsync(arguments, timeout, withVaultModules, dataHome);
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"{script} failed ({run.ExitCode}): {run.Errors}{run.Output}");
            }

            return run;
        }

        public void Dispose() => Directory.Delete(_home, recursive: true);

        private static string? FindSecretModules()
        {
            var candidates = new[]
            {
                Environment.GetEnvironmentVariable("SEEDANCE_SECRET_MODULES"),
                System.IO.Path.Combine(BenchPaths.Root, "..", "shared", "tools", "powershell-modules"),
                "/work/shared/tools/powershell-modules",
            };
            return candidates.Where(c => !string.IsNullOrEmpty(c))
                .Select(c => System.IO.Path.GetFullPath(c!))
                .FirstOrDefault(c => Directory.Exists(System.IO.Path.Combine(c, "Microsoft.PowerShell.SecretStore")));
        }
    }

    /// <summary>How a pwsh process ended: exit code, its output, and its wall time from start to exit.</summary>
    internal sealed record ShellRun(int ExitCode, string Output, string Errors, TimeSpan Elapsed);
}
