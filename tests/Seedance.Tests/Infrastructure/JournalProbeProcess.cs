using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>tests/Seedance.JournalProbe as a child process: submits through Seedance.Client with a journal, as another PowerShell would.</summary>
    public sealed class JournalProbeProcess : IDisposable
    {
        private readonly Process _process;

        private JournalProbeProcess(Process process) => _process = process;

        public int Id => _process.Id;

        public static JournalProbeProcess Start(Uri baseUri, string apiKey, string journalPath, int count, int parallel, string prefix, int maxRetries = 6)
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var probe = Path.Combine(RepositoryPaths.Root, "tests", "Seedance.JournalProbe", "bin", configuration, "net10.0", "Seedance.JournalProbe.dll");
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                probe, "--base-uri", baseUri.AbsoluteUri, "--journal", journalPath, "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--parallel", parallel.ToString(System.Globalization.CultureInfo.InvariantCulture), "--prefix", prefix, "--max-retries", maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            {
                start.ArgumentList.Add(argument);
            }

            // The child's own environment: the key reaches it as it would reach a scheduled job, never on its command line.
            start.Environment["SEEDANCE_API_KEY"] = apiKey;
            return new JournalProbeProcess(Process.Start(start) ?? throw new InvalidOperationException("The journal probe did not start."));
        }

        /// <summary>Waits for the probe to end; returns its exit code, standard output and standard error.</summary>
        public async Task<(int ExitCode, string Output, string Error)> WaitAsync()
        {
            var output = _process.StandardOutput.ReadToEndAsync();
            var error = _process.StandardError.ReadToEndAsync();
            await _process.WaitForExitAsync();
            return (_process.ExitCode, await output, await error);
        }

        /// <summary>Kills the probe as a crash or Task Manager would, and waits until it is gone.</summary>
        public async Task KillAsync()
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
