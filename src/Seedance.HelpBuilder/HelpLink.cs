namespace Seedance.HelpBuilder
{
    /// <summary>A related link: text, and a URI when it is a web page.</summary>
    public sealed class HelpLink
    {
        public HelpLink(string text, string uri)
        {
            Text = text;
            Uri = uri;
        }

        public string Text { get; }

        public string Uri { get; }
    }
}
