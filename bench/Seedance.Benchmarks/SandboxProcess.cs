using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;

namespace Seedance.Benchmarks
{
    /// <summary>The sandbox as its own process, so the tasks it keeps do not count in this process's memory.</summary>
    internal sealed class SandboxProcess : IDisposable
    {
        private const string Listening = "Seedance sandbox listening on ";
        private readonly Process _process;

        private SandboxProcess(Process process, Uri baseUri)
        {
            _process = process;
            BaseUri = baseUri;
        }

        public Uri BaseUri { get; }

        public static async Task<SandboxProcess> StartAsync(double processingSeconds)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                BenchPaths.SandboxProgram, "--port", "0", "--credits", "1000000000", "--rate-limit", "100000000",
                "--rate-window-seconds", "1", "--processing-seconds", processingSeconds.ToString(CultureInfo.InvariantCulture),
            })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("The sandbox did not start.");
            var first = await process.StandardOutput.ReadLineAsync();
            if (first is null || !first.StartsWith(Listening, StringComparison.Ordinal))
            {
                process.Kill();
                process.Dispose();
                throw new InvalidOperationException("The sandbox said: " + first);
            }

            return new SandboxProcess(process, new Uri(first[Listening.Length..]));
        }

        /// <summary>Closing its standard input stops the sandbox.</summary>
        public void Dispose()
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill();
            }

            _process.Dispose();
        }
    }
}
