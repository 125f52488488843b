namespace Seedance.HelpBuilder
{
    /// <summary>A related link: the name of a cmdlet or about topic, or a web page's title and its URI.</summary>
    public sealed class HelpLink
    {
        public HelpLink(string text, string uri, int line)
        {
            Text = text;
            Uri = uri;
            Line = line;
        }

        public string Text { get; }

        public string Uri { get; }

        /// <summary>The line of the page the link is on.</summary>
        public int Line { get; }
    }
}
