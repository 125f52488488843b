using System;
using System.Collections.Generic;
using System.Linq;

namespace Seedance.HelpBuilder
{
    /// <summary>Splits markdown into nested heading sections; headings inside fenced code blocks are code, not headings.</summary>
    public static class MarkdownOutline
    {
        /// <summary>The sections at <paramref name="level"/> (1 = <c>#</c>) found in <paramref name="lines"/>.</summary>
        public static IReadOnlyList<MarkdownSection> Parse(IReadOnlyList<string> lines, int firstLineNumber, int level)
        {
            var sections = new List<MarkdownSection>();
            var prefix = new string('#', level) + " ";
            var starts = new List<int>();
            var inCode = false;
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    inCode = !inCode;
                }
                else if (!inCode && lines[i].StartsWith(prefix, StringComparison.Ordinal))
                {
                    starts.Add(i);
                }
            }

            for (var s = 0; s < starts.Count; s++)
            {
                var start = starts[s];
                var end = s + 1 < starts.Count ? starts[s + 1] : lines.Count;
                var inner = lines.Skip(start + 1).Take(end - start - 1).ToList();
                var children = Parse(inner, firstLineNumber + start + 1, level + 1);
                var bodyLength = children.Count > 0 ? children[0].Line - (firstLineNumber + start + 1) : inner.Count;
                sections.Add(new MarkdownSection(
                    lines[start].Substring(prefix.Length).Trim(),
                    firstLineNumber + start,
                    inner.Take(bodyLength).ToList(),
                    children));
            }

            return sections;
        }

        /// <summary>The lines of every fenced code block in <paramref name="body"/>, with the fence's language.</summary>
        public static IReadOnlyList<(string Language, IReadOnlyList<string> Lines)> CodeBlocks(IReadOnlyList<string> body)
        {
            var blocks = new List<(string, IReadOnlyList<string>)>();
            List<string>? current = null;
            var language = string.Empty;
            foreach (var line in body)
            {
                var trimmed = line.Trim();
                if (trimmed.StartsWith("```", StringComparison.Ordinal))
                {
                    if (current is null)
                    {
                        current = new List<string>();
                        language = trimmed.Substring(3).Trim();
                    }
                    else
                    {
                        blocks.Add((language, current));
                        current = null;
                    }
                }
                else
                {
                    current?.Add(line);
                }
            }

            return blocks;
        }

        /// <summary>A line of prose as Get-Help shows it: text, without markdown's inline code marks.</summary>
        public static string PlainText(string prose) => prose.Replace("`", string.Empty, StringComparison.Ordinal);

        /// <summary>The prose of <paramref name="body"/> (code blocks left out) as paragraphs; a list item is a paragraph of its own.</summary>
        public static IReadOnlyList<string> Paragraphs(IReadOnlyList<string> body)
        {
            var paragraphs = new List<string>();
            var current = new List<string>();
            var inCode = false;
            void Flush()
            {
                if (current.Count > 0)
                {
                    paragraphs.Add(string.Join(" ", current));
                    current.Clear();
                }
            }

            foreach (var raw in body)
            {
                var line = raw.Trim();
                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    inCode = !inCode;
                    Flush();
                    continue;
                }

                if (inCode)
                {
                    continue;
                }

                if (line.Length == 0)
                {
                    Flush();
                }
                else
                {
                    if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal))
                    {
                        Flush();
                    }

                    current.Add(line);
                }
            }

            Flush();
            return paragraphs;
        }
    }
}
