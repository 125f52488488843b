using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Seedance.HelpBuilder
{
    /// <summary>
    /// Turns an <c>about_*.md</c> page into the plain text <c>about_*.help.txt</c> that Get-Help shows as written:
    /// headings become capitalised lines, prose is indented by four spaces and code by eight, and a line wider than
    /// the console fails the build.
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
            text.Append("TOPIC\n").Append(' ', HelpLayout.SectionIndent).Append(topic).Append("\n\n");
            var inCode = false;
            var first = titles[0].Line;
            while (first < lines.Length && string.IsNullOrWhiteSpace(lines[first]))
            {
                first++;
            }

            for (var i = first; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    inCode = !inCode;
                    continue;
                }

                var shown = Show(line, inCode);
                if (HelpLayout.Columns(shown) > HelpLayout.LineWidth)
                {
                    throw new HelpPageException(
                        file,
                        i + 1,
                        $"Get-Help shows this line {HelpLayout.Columns(shown)} columns wide; it must fit {HelpLayout.LineWidth} (PowerShell keeps the last column of an {HelpLayout.ConsoleWidth}-column console free). Prose is indented by {HelpLayout.SectionIndent} and code by {HelpLayout.ItemIndent}: keep prose lines within {HelpLayout.Room(HelpLayout.SectionIndent)} characters and code lines within {HelpLayout.Room(HelpLayout.ItemIndent)}.");
                }

                text.Append(shown).Append('\n');
            }

            return text.ToString().TrimEnd() + "\n";
        }

        private static string Show(string line, bool inCode)
        {
            if (line.Length == 0)
            {
                return string.Empty;
            }

            if (inCode)
            {
                return new string(' ', HelpLayout.ItemIndent) + line;
            }

            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                return line.Substring(3).Trim().ToUpperInvariant();
            }

            return line.StartsWith("### ", StringComparison.Ordinal)
                ? "  " + line.Substring(4).Trim()
                : new string(' ', HelpLayout.SectionIndent) + MarkdownOutline.PlainText(line);
        }
    }
}
