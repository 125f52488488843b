using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace Seedance.Benchmarks
{
    /// <summary>What a run with a deadline left: output, errors, a terminating error, whether the deadline stopped it, and how long it took.</summary>
    internal sealed record DeadlineRun(IReadOnlyList<PSObject> Output, IReadOnlyList<ErrorRecord> Errors, Exception? Terminating, bool Stopped, TimeSpan Elapsed);

    /// <summary>A fresh PowerShell engine in this process (<c>InitialSessionState.CreateDefault2()</c>), as the tests host it.</summary>
    internal sealed class HostedEngine : IDisposable
    {
        private readonly Runspace _runspace;
        private string? _journalFolder;

        public HostedEngine()
        {
            _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            _runspace.Open();
        }

        /// <summary>
        /// A fresh engine with the built module imported and pointed at <paramref name="baseUri"/>. The journal stays on, as
        /// a user has it, but in a folder of its own that goes with the engine (benchmarks never touch the user's journal),
        /// unless <paramref name="journal"/> is false.
        /// </summary>
        public static HostedEngine WithModule(Uri baseUri, string configuration, bool journal = true)
        {
            IsolateRateLedger();
            var engine = new HostedEngine();
            engine.Run("Import-Module -Name $ManifestPath -ErrorAction Stop", new() { ["ManifestPath"] = BenchPaths.ModuleManifest });
            if (journal)
            {
                engine._journalFolder = Directory.CreateTempSubdirectory("seedance-bench-").FullName;
                engine.Run(
                    "Set-SeedanceConfiguration -BaseUri $BaseUri -JournalPath $JournalPath " + configuration,
                    new() { ["BaseUri"] = baseUri, ["JournalPath"] = Path.Combine(engine._journalFolder, "journal.jsonl") });
            }
            else
            {
                engine.Run("Set-SeedanceConfiguration -BaseUri $BaseUri -NoJournal " + configuration, new() { ["BaseUri"] = baseUri });
            }

            return engine;
        }

        /// <summary>
        /// The machine-wide rate ledger goes, like the journal, to a folder of this run's own (unless one is given), removed
        /// when the process exits: benchmarks never touch the user's data folder.
        /// </summary>
        private static void IsolateRateLedger()
        {
            if (Environment.GetEnvironmentVariable(Client.RateLimiting.RateLedgerLocation.PathVariable) is { Length: > 0 })
            {
                return;
            }

            var folder = Directory.CreateTempSubdirectory("seedance-bench-ledger-").FullName;
            Environment.SetEnvironmentVariable(Client.RateLimiting.RateLedgerLocation.PathVariable, folder);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                }
            };
        }

        /// <summary>Runs script text and returns its output; any error record or terminating error throws.</summary>
        public Collection<PSObject> Run(string script, Dictionary<string, object?>? variables = null)
        {
            var (output, errors) = RunCollectingErrors(script, variables);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("The script wrote errors: " + string.Join("; ", errors.Select(e => e.ToString())));
            }

            return output;
        }

        /// <summary>Runs script text and returns its output and its non-terminating errors.</summary>
        public (Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) RunCollectingErrors(string script, Dictionary<string, object?>? variables = null)
        {
            foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
            {
                _runspace.SessionStateProxy.SetVariable(name, value);
            }

            using var shell = PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script);
            var output = shell.Invoke();
            return (output, shell.Streams.Error.ToList());
        }

        /// <summary>
        /// Runs script text for at most <paramref name="deadline"/>, then stops it (as Ctrl+C would): its output, its
        /// errors, a terminating error if one ended it, and whether the deadline stopped it. Variables the script set with
        /// <c>-OutVariable</c> keep what they held when it stopped.
        /// </summary>
        public DeadlineRun RunWithDeadline(string script, Dictionary<string, object?> variables, TimeSpan deadline)
        {
            foreach (var (name, value) in variables)
            {
                _runspace.SessionStateProxy.SetVariable(name, value);
            }

            using var shell = PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script);
            using var output = new PSDataCollection<PSObject>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var run = shell.BeginInvoke<PSObject, PSObject>(null, output);
            var stopped = !run.AsyncWaitHandle.WaitOne(deadline);
            if (stopped && !shell.BeginStop(null, null).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException("The script passed its deadline and did not stop within 60 s of being told to.");
            }

            Exception? terminating = null;
            try
            {
                shell.EndInvoke(run);
            }
            catch (RuntimeException e) when (!stopped)
            {
                terminating = e;
            }
            catch (PipelineStoppedException) when (stopped)
            {
            }

            return new DeadlineRun(output.ToList(), shell.Streams.Error.ToList(), terminating, stopped, clock.Elapsed);
        }

        public void Dispose()
        {
            _runspace.Dispose();
            if (_journalFolder is not null)
            {
                Directory.Delete(_journalFolder, recursive: true);
            }
        }
    }
}
