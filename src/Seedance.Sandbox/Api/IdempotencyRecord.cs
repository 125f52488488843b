namespace Seedance.Sandbox.Api
{
    /// <summary>What an account's <c>Idempotency-Key</c> is bound to: the canonical body, and the response once there is one.</summary>
    internal sealed class IdempotencyRecord
    {
        public IdempotencyRecord(string canonicalBody) => CanonicalBody = canonicalBody;

        public string CanonicalBody { get; }

        /// <summary>True while the first request with the key is still being processed.</summary>
        public bool InFlight => Response is null;

        public StoredResponse? Response { get; set; }
    }
}
