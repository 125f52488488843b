using System.Security;
using Seedance.Keys;
using Seedance.Results;
using Seedance.Client;

namespace Seedance.Commands
{
    /// <summary>A cmdlet that calls the API: it takes -ApiKey and finds the key in the sources design.md names.</summary>
    public abstract class SeedanceApiCmdlet : SeedanceCmdlet
    {
        // The sets of a cmdlet that takes tasks from the pipeline or their ids.
        private protected const string TaskParameterSet = "Task";
        private protected const string IdParameterSet = "Id";

        private readonly Dictionary<Uri, SeedanceClient> _clients = new();
        private SeedanceClient? _client;
        private WaitAndSave? _results;

        /// <summary>The API key for this call; overrides the session key, SEEDANCE_API_KEY and the vault.</summary>
        [Parameter]
        public SecureString? ApiKey { get; set; }

        /// <summary>
        /// The client for the configured API, made on first use. First touch it on the pipeline thread (in
        /// <see cref="SeedanceCmdlet.OnProcess"/>, <see cref="SeedanceCmdlet.OnEnd"/>, or before the first await of a
        /// <c>Run</c>); once made it may be used from any thread.
        /// </summary>
        private protected SeedanceClient Client => _client ??= ClientFor(Configuration.BaseUri);

        /// <summary>What waits for this command's tasks and saves their videos: one per command, so two tasks never save to one file.</summary>
        private protected WaitAndSave Results => _results ??= new WaitAndSave(this, Post, Client);

        /// <summary>The client for <paramref name="baseUri"/>, one per address for the life of the command.</summary>
        private protected SeedanceClient ClientFor(Uri baseUri)
        {
            if (!_clients.TryGetValue(baseUri, out var client))
            {
                client = CreateClient(
                    baseUri,
                    () => ApiKeyResolver.Resolve(ApiKey, Configuration, new SecretVault(this).Read),
                    refused => ApiKeyResolver.Refused(refused, Configuration, new SecretVault(this).Read));
                _clients.Add(baseUri, client);
            }

            return client;
        }
    }
}
