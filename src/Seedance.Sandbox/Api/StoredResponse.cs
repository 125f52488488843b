namespace Seedance.Sandbox.Api
{
    /// <summary>A status code and JSON body, kept to be replayed.</summary>
    internal sealed record StoredResponse(int Status, byte[] Body);
}
