using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Seedance.HelpBuilder
{
    /// <summary>
    /// Turns an <c>about_*.md</c> page into the plain text <c>about_*.help.txt</c> that Get-Help shows: headings become
    /// capitalised lines, prose is indented by four spaces and code by eight.
    /// </summary>
    public static class AboutTopicWriter
    {
        /// <summary>The sections every about topic has.</summary>
        public static IReadOnlyList<string> RequiredSections { get; } = new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION" };

        public static string Write(string file, string markdown)
        {
            ArgumentNullException.ThrowIfNull(markdown);
            var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            var topic = System.IO.Path.GetFileNameWithoutExtension(file);
            var titles = MarkdownOutline.Parse(lines, 1, 1);
            if (titles.Count != 1 || titles[0].Title != topic)
            {
                throw new HelpPageException(file, 1, $"An about topic has exactly one title, '# {topic}' (the file name).");
            }

            foreach (var required in RequiredSections)
            {
                if (!titles[0].Children.Any(s => s.Title == required))
                {
                    throw new HelpPageException(file, titles[0].Line, $"The about topic has no '## {required}' section.");
                }
            }

            var text = new StringBuilder();
            text.Append("TOPIC\n    ").Append(topic).Append("\n\n");
            var inCode = false;
            foreach (var line in lines.Skip(titles[0].Line).SkipWhile(string.IsNullOrWhiteSpace))
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    inCode = !inCode;
                    continue;
                }

                if (inCode)
                {
                    text.Append(line.Length > 0 ? "        " + line : string.Empty).Append('\n');
                }
                else if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    text.Append(line.Substring(3).Trim().ToUpperInvariant()).Append('\n');
                }
                else if (line.StartsWith("### ", StringComparison.Ordinal))
                {
                    text.Append("  ").Append(line.Substring(4).Trim()).Append('\n');
                }
                else
                {
                    text.Append(line.Length > 0 ? "    " + line.Replace("`", string.Empty, StringComparison.Ordinal) : string.Empty).Append('\n');
                }
            }

            return text.ToString().TrimEnd() + "\n";
        }
    }
}
