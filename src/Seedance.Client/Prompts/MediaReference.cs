using Seedance.Prompts;
namespace Seedance.Client.Prompts
{
    /// <summary>One reference asset for <c>media_urls</c>: its public URL and its role.</summary>
    internal sealed class MediaReference
    {
        public MediaReference(string url, MediaRole role)
        {
            Url = url;
            Role = role;
        }

        /// <summary>The public https URL.</summary>
        public string Url { get; }

        /// <summary>What the reference is for.</summary>
        public MediaRole Role { get; }
    }
}
