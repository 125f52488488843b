using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Security;
using System.Threading.Tasks;
using Seedance.Errors;
using Seedance.Keys;
using Seedance.Session;

namespace Seedance.Commands
{
    /// <summary>A cmdlet that calls the API: it takes -ApiKey, finds the key, and traces requests to -Verbose and -Debug.</summary>
    public abstract class SeedanceApiCmdlet : SeedanceCmdlet
    {
        private SeedanceClient? _client;

        /// <summary>The API key for this call; overrides the session key, SEEDANCE_API_KEY and the vault.</summary>
        [Parameter]
        public SecureString? ApiKey { get; set; }

        /// <summary>
        /// The client for this call, made on first use. A missing key or an unusable configuration is terminating.
        /// It is always made on the pipeline thread, even when first touched inside <see cref="SeedanceCmdlet.Run{T}"/>:
        /// the session's configuration and its SecretManagement vault can only be reached from there.
        /// </summary>
        protected SeedanceClient Client
        {
            get
            {
                if (_client is not null || Runspace.DefaultRunspace is not null)
                {
                    return _client ??= CreateClient();
                }

                var made = new TaskCompletionSource<SeedanceClient>(TaskCreationOptions.RunContinuationsAsynchronously);
                Post(() =>
                {
                    try
                    {
                        made.SetResult(_client ??= CreateClient());
                    }
                    catch (Exception e)
                    {
                        made.SetException(e);
                    }
                });
                return made.Task.GetAwaiter().GetResult();
            }
        }

        /// <summary>A client for another API address: a journaled submission is resent where it was first sent.</summary>
        protected SeedanceClient ClientFor(System.Uri baseUri) => CreateClient(baseUri);

        private SeedanceClient CreateClient(System.Uri? baseUri = null)
        {
            var session = SessionRegistry.Current;
            try
            {
                var options = session.ToClientOptions(null, Shows("Verbose", "VerbosePreference") || Shows("Debug", "DebugPreference") ? OnTrace : null);
                options.BaseUri = baseUri ?? options.BaseUri;

                // An unusable configuration (plain http to a remote host) fails before any key source is read.
                options.Validate();
                options.ApiKey = ApiKeyResolver.Resolve(ApiKey, session, new SecretVault(this).Read);
                return new SeedanceClient(options);
            }
            catch (SeedanceException e)
            {
                ThrowTerminatingError(SeedanceErrorRecord.From(e, null));
                throw;
            }
        }

        /// <summary>
        /// True when this call's -Verbose or -Debug (else the session's preference) would show the stream: traces are only
        /// formatted and posted to the pipeline thread when someone will see them.
        /// </summary>
        /// <remarks>
        /// A preference set in a script's own scope (<c>$VerbosePreference = 'Continue'</c>) is a string there, not an
        /// ActionPreference: it is converted as PowerShell converts it.
        /// </remarks>
        private bool Shows(string parameter, string preference) => MyInvocation.BoundParameters.TryGetValue(parameter, out var value)
            ? value is SwitchParameter { IsPresent: true }
            : LanguagePrimitives.TryConvertTo(GetVariableValue(preference), out ActionPreference shown)
                && shown != ActionPreference.SilentlyContinue && shown != ActionPreference.Ignore;

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
                    WriteVerbose(trace.Message);
                }
            }
            catch (Exception e) when (e is HostException or PSInvalidOperationException or ActionPreferenceStopException or NotImplementedException)
            {
                // $DebugPreference = 'Stop' or 'Inquire', or a host that cannot show the line: the call goes on.
            }
        }
    }
}
