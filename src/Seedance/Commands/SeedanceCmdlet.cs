using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Security;
using Seedance.Errors;
using Seedance.Client.Journal;
using Seedance.Session;
using Seedance.Threading;
using Seedance.Client;

namespace Seedance.Commands
{
    /// <summary>
    /// The template every Seedance cmdlet follows. A cmdlet overrides <see cref="OnProcess"/> (once per pipeline input)
    /// and <see cref="OnEnd"/>; this class owns the rest: one error mapping (each item's failure is its own
    /// non-terminating <c>Seedance.*</c> error, a missing key or unusable configuration stops the command), asynchronous
    /// work whose writes all happen on the pipeline thread, cancellation when the pipeline stops (Ctrl+C, Select-Object
    /// -First, Dispose), the client, and traces to -Verbose and -Debug.
    /// </summary>
    public abstract class SeedanceCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();
        private readonly PipelineDispatcher _dispatcher = new();

        /// <inheritdoc />
        protected sealed override void ProcessRecord() => Attempt(null, OnProcess);

        /// <inheritdoc />
        protected sealed override void EndProcessing() => Attempt(null, OnEnd);

        /// <summary>The cmdlet's process block: runs once per pipeline input (once when nothing is piped).</summary>
        protected virtual void OnProcess()
        {
        }

        /// <summary>The cmdlet's end block: runs once, after the last input.</summary>
        protected virtual void OnEnd()
        {
        }

        /// <summary>
        /// Runs one item's <paramref name="step"/>. Its failure is a non-terminating error about <paramref name="target"/>
        /// and the next item goes on; a missing key or an unusable configuration stops the command; a stopping pipeline
        /// stops it quietly. What the engine throws (a stop, -ErrorAction Stop, a failure downstream) passes untouched.
        /// </summary>
        protected void Attempt(object? target, Action step)
        {
            try
            {
                step();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception e) when (e.GetType().Assembly != typeof(Cmdlet).Assembly)
            {
                var record = ErrorFor(e, target);
                if (ErrorRecords.StopsTheCommand(e))
                {
                    ThrowTerminatingError(record);
                }

                WriteError(record);
            }
        }

        /// <summary>The error record of one item's failure; a cmdlet may word its own inputs' errors better.</summary>
        private protected virtual ErrorRecord ErrorFor(Exception exception, object? target) => ErrorRecords.For(exception, target);

        /// <summary>Runs <paramref name="work"/> to its end, performing its posted writes on the pipeline thread.</summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> work)
        {
            Task<T>? running = null;
            _dispatcher.Run(() => running = work(_stopping.Token), Stop);
            return running!.GetAwaiter().GetResult();
        }

        /// <summary>Runs <paramref name="work"/> to its end, performing its posted writes on the pipeline thread.</summary>
        protected void Run(Func<CancellationToken, Task> work) => _dispatcher.Run(() => work(_stopping.Token), Stop);

        /// <summary>Asks the pipeline thread to perform <paramref name="write"/>; safe from any thread.</summary>
        protected void Post(Action write) => _dispatcher.Post(write);

        /// <summary>This session's settings (Set-SeedanceConfiguration): where the API is, the journal, the key's vault.</summary>
        private protected static SeedanceConfiguration Configuration => SessionRegistry.Current;

        /// <summary>The session's task journal, for a cmdlet that cannot work without it: turned off, it stops the command.</summary>
        private protected static TaskJournal RequireJournal() =>
            Configuration.JournalIfEnabled(null) ?? throw new SeedanceException(
                SeedanceErrorCodes.InvalidConfiguration,
                "The task journal is turned off in this session (Set-SeedanceConfiguration -NoJournal or SEEDANCE_JOURNAL=off). Turn it on with Set-SeedanceConfiguration -JournalPath <file>, or -Reset.");

        /// <summary>Reads the journal, warning about each damaged line it had to skip.</summary>
        private protected JournalSnapshot ReadJournal(TaskJournal journal)
        {
            var snapshot = journal.Read();
            foreach (var warning in snapshot.Warnings)
            {
                WriteWarning($"{warning} (journal: {journal.Path})");
            }

            return snapshot;
        }

        /// <summary>
        /// The one way a client is made: the session's settings for <paramref name="baseUri"/>, this call's traces, and
        /// the key <paramref name="apiKey"/> finds, read only once the settings are known to be usable (plain http to a
        /// remote host fails before any key source is read). Call it on the pipeline thread: the session's configuration
        /// and its SecretManagement vault can only be reached from there.
        /// </summary>
        /// <param name="baseUri">The API's address.</param>
        /// <param name="apiKey">Finds the key.</param>
        /// <param name="keyRefused">
        /// When the API refuses the key, the key to use from then on, or null (see
        /// <see cref="SeedanceClientOptions.RefreshApiKey"/>); it runs on the pipeline thread too.
        /// </param>
        private protected SeedanceClient CreateClient(Uri baseUri, Func<SecureString> apiKey, Func<SecureString, SecureString?>? keyRefused = null)
        {
            var options = Configuration.ToClientOptions(null, Shows("Verbose", "VerbosePreference") || Shows("Debug", "DebugPreference") ? OnTrace : null);
            options.BaseUri = baseUri;
            options.Warning = message => Post(() => WriteWarning(message));
            options.Validate();
            options.ApiKey = apiKey();
            if (keyRefused is not null)
            {
                options.RefreshApiKey = (refused, token) => OnPipelineThread(() => keyRefused(refused), token);
            }

            return new SeedanceClient(options);
        }

        /// <summary>
        /// Runs <paramref name="read"/> on the pipeline thread for work that runs elsewhere, and completes with its result:
        /// work started by <see cref="Run{T}"/> awaits it while the pipeline thread performs what it posts.
        /// </summary>
        private Task<T> OnPipelineThread<T>(Func<T> read, CancellationToken token)
        {
            if (Runspace.DefaultRunspace is not null)
            {
                return Task.FromResult(read());
            }

            var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            var cancellation = token.Register(() => done.TrySetCanceled(token));
            Post(() =>
            {
                try
                {
                    done.TrySetResult(read());
                }
                catch (Exception e)
                {
                    done.TrySetException(e);
                }
                finally
                {
                    cancellation.Dispose();
                }
            });
            return done.Task;
        }

        /// <inheritdoc />
        protected override void StopProcessing() => Stop();

        /// <inheritdoc />
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Cancels the work still in flight, then releases the cancellation source.</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                Stop();
                _stopping.Dispose();
            }
        }

        private void Stop()
        {
            try
            {
                _stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Ctrl+C racing the end of the command: there is nothing left to cancel.
            }
        }

        /// <summary>
        /// True when this call's switch or action parameter (-Verbose, -Debug, -WarningAction), else the session's
        /// preference, would show the stream: traces are only formatted and posted to the pipeline thread when someone
        /// will see them.
        /// </summary>
        /// <remarks>
        /// A preference set in a script's own scope (<c>$VerbosePreference = 'Continue'</c>) is a string there, not an
        /// ActionPreference: it is converted as PowerShell converts it.
        /// </remarks>
        private bool Shows(string parameter, string preference) => MyInvocation.BoundParameters.TryGetValue(parameter, out var value)
            ? value is SwitchParameter { IsPresent: true } || (value is ActionPreference action && Shown(action))
            : LanguagePrimitives.TryConvertTo(GetVariableValue(preference), out ActionPreference shown) && Shown(shown);

        private static bool Shown(ActionPreference preference) => preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore;

        /// <summary>
        /// A warning once the pipeline is stopping (Ctrl+C), when it can take no more writes: straight to the host,
        /// under this call's -WarningAction or the session's $WarningPreference.
        /// </summary>
        private protected void WarnOnHost(string message)
        {
            if (Shows("WarningAction", "WarningPreference"))
            {
                Host.UI.WriteWarningLine(message);
            }
        }

        /// <summary>
        /// A verbose line follows the rule of traces: under -Debug it goes to the host without asking, so that it never
        /// prompts or fails a call (PowerShell would turn each verbose line of a compiled cmdlet given -Debug into a
        /// question).
        /// </summary>
        protected new void WriteVerbose(string text) => WriteTrace(new SeedanceTrace(SeedanceTraceLevel.Verbose, text));

        private void OnTrace(SeedanceTrace trace) => Post(() => WriteTrace(trace));

        /// <summary>
        /// Writes a trace under the caller's preferences; a trace never fails a call. -Debug on a compiled cmdlet means
        /// "inquire": each verbose or debug line would ask "Continue with this operation?", and fail outright where nobody
        /// can answer (pwsh -File, a scheduled task), after the API may already have charged. So a call given -Debug shows
        /// its traces on the host without asking, as PowerShell 7 does for functions.
        /// </summary>
        private void WriteTrace(SeedanceTrace trace)
        {
            try
            {
                if (MyInvocation.BoundParameters.TryGetValue("Debug", out var debug) && debug is SwitchParameter { IsPresent: true })
                {
                    if (trace.Level == SeedanceTraceLevel.Debug)
                    {
                        Host.UI.WriteDebugLine(trace.Message);
                    }
                    else
                    {
                        Host.UI.WriteVerboseLine(trace.Message);
                    }
                }
                else if (trace.Level == SeedanceTraceLevel.Debug)
                {
                    WriteDebug(trace.Message);
                }
                else
                {
                    base.WriteVerbose(trace.Message);
                }
            }
            catch (Exception e) when (e is HostException or PSInvalidOperationException or ActionPreferenceStopException or NotImplementedException)
            {
                // $DebugPreference = 'Stop' or 'Inquire', or a host that cannot show the line: the call goes on.
            }
        }
    }
}
