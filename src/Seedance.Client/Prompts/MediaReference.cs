using Seedance.Prompts;

namespace Seedance.Client.Prompts
{
    /// <summary>One reference asset for <c>media_urls</c>: its public URL and its role.</summary>
    /// <param name="Url">The public https URL.</param>
    /// <param name="Role">What the reference is for.</param>
    internal sealed record MediaReference(string Url, MediaRole Role);
}
