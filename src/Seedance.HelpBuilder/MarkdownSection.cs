using System.Collections.Generic;

namespace Seedance.HelpBuilder
{
    /// <summary>A heading of a markdown page and the lines under it, up to the next heading of the same or a higher level.</summary>
    /// <param name="Title">The heading text without the #s.</param>
    /// <param name="Line">The heading's line (1-based).</param>
    /// <param name="Body">The lines before the first sub-heading.</param>
    /// <param name="Children">The sub-sections one level down.</param>
    public sealed record MarkdownSection(string Title, int Line, IReadOnlyList<string> Body, IReadOnlyList<MarkdownSection> Children);
}
