namespace Seedance.HelpBuilder
{
    /// <summary>A related link: the name of a cmdlet or about topic, or a web page's title and its URI.</summary>
    /// <param name="Text">The cmdlet, topic or page title.</param>
    /// <param name="Uri">The web page's address, or empty.</param>
    /// <param name="Line">The line of the page the link is on.</param>
    public sealed record HelpLink(string Text, string Uri, int Line);
}
