using System.Management.Automation;
using System.Security;
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

        /// <summary>The client for this call, made on first use. A missing key or an unusable configuration is terminating.</summary>
        protected SeedanceClient Client => _client ??= CreateClient();

        /// <summary>A client for another API address: a journaled submission is resent where it was first sent.</summary>
        protected SeedanceClient ClientFor(System.Uri baseUri) => CreateClient(baseUri);

        private SeedanceClient CreateClient(System.Uri? baseUri = null)
        {
            var session = SessionRegistry.Current;
            try
            {
                var key = ApiKeyResolver.Resolve(ApiKey, session);
                var options = session.ToClientOptions(key, OnTrace);
                options.BaseUri = baseUri ?? options.BaseUri;
                return new SeedanceClient(options);
            }
            catch (SeedanceException e)
            {
                ThrowTerminatingError(SeedanceErrorRecord.From(e, null));
                throw;
            }
        }

        private void OnTrace(SeedanceTrace trace) => Post(() =>
        {
            if (trace.Level == SeedanceTraceLevel.Debug)
            {
                WriteDebug(trace.Message);
            }
            else
            {
                WriteVerbose(trace.Message);
            }
        });
    }
}
