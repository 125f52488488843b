using System.Collections.Generic;

namespace Seedance.HelpBuilder
{
    /// <summary>A heading of a markdown page and the lines under it, up to the next heading of the same or a higher level.</summary>
    public sealed class MarkdownSection
    {
        public MarkdownSection(string title, int line, IReadOnlyList<string> body, IReadOnlyList<MarkdownSection> children)
        {
            Title = title;
            Line = line;
            Body = body;
            Children = children;
        }

        /// <summary>The heading text without the #s.</summary>
        public string Title { get; }

        /// <summary>The heading's line (1-based).</summary>
        public int Line { get; }

        /// <summary>The lines before the first sub-heading.</summary>
        public IReadOnlyList<string> Body { get; }

        /// <summary>The sub-sections one level down.</summary>
        public IReadOnlyList<MarkdownSection> Children { get; }
    }
}
