using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>
    /// A real PowerShell engine in this process, with the built module imported, as a user's fresh session would have it.
    /// One per test: sessions share nothing but the process.
    /// </summary>
    public sealed class PowerShellSession : IDisposable
    {
        private readonly Runspace _runspace;

        public PowerShellSession(bool importModule = true)
            : this(null, importModule)
        {
        }

        /// <summary>A session whose host is <paramref name="host"/> (what a console shows: -WhatIf text, Out-Host, prompts).</summary>
        public PowerShellSession(System.Management.Automation.Host.PSHost? host, bool importModule = true)
        {
            _runspace = host is null
                ? RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2())
                : RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
            _runspace.Open();
            TestProcessIsolation.RestrictModulePath();
            JournalFolder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "seedance-test-" + Guid.NewGuid().ToString("N"));
            JournalPath = System.IO.Path.Combine(JournalFolder, "journal.jsonl");
            if (importModule)
            {
                Run("Import-Module -Name $ManifestPath -ErrorAction Stop", new Dictionary<string, object?> { ["ManifestPath"] = RepositoryPaths.ModuleManifest }).ShouldSucceed();

                // Every test session journals into a temporary file of its own, never into the user's journal.
                Run("Set-SeedanceConfiguration -JournalPath $SeedanceTestJournal", new Dictionary<string, object?> { ["SeedanceTestJournal"] = JournalPath }).ShouldSucceed();
            }
        }

        /// <summary>This session's own task journal (a temporary file, deleted with the session).</summary>
        public string JournalPath { get; }

        private string JournalFolder { get; }

        /// <summary>Runs script text; variables are set in the session first.</summary>
        public ScriptResult Run(string script, IDictionary<string, object?>? variables = null) =>
            RunAsync(script, variables).GetAwaiter().GetResult();

        /// <summary>Runs script text without blocking the caller; <see cref="PowerShell.Stop"/> on the returned shell is Ctrl+C.</summary>
        public async Task<ScriptResult> RunAsync(string script, IDictionary<string, object?>? variables = null, Action<PowerShell>? onStarted = null)
        {
            foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
            {
                _runspace.SessionStateProxy.SetVariable(name, value);
            }

            using var shell = PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script);
            var output = new PSDataCollection<PSObject>();
            Exception? terminating = null;
            try
            {
                var running = shell.InvokeAsync<PSObject, PSObject>(null, output);
                onStarted?.Invoke(shell);
                await running.ConfigureAwait(false);
            }
            catch (Exception e) when (e is RuntimeException or PipelineStoppedException or InvalidOperationException)
            {
                terminating = e;
            }

            return new ScriptResult
            {
                Output = output.ReadAll(),
                Errors = shell.Streams.Error.ReadAll(),
                Warnings = shell.Streams.Warning.ReadAll(),
                Verbose = shell.Streams.Verbose.ReadAll(),
                Debug = shell.Streams.Debug.ReadAll(),
                Information = shell.Streams.Information.ReadAll(),
                Progress = shell.Streams.Progress.ReadAll(),
                Terminating = terminating,
            };
        }

        public void Dispose()
        {
            _runspace.Dispose();
            if (System.IO.Directory.Exists(JournalFolder))
            {
                System.IO.Directory.Delete(JournalFolder, recursive: true);
            }
        }
    }
}
