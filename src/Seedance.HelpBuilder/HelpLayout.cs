using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Seedance.HelpBuilder
{
    /// <summary>
    /// Where Get-Help prints each part of the help, so that every line fits an 80-column console. PowerShell prints a
    /// help paragraph as one line and the console cuts it mid-word, so the builder breaks paragraphs itself.
    /// </summary>
    public static class HelpLayout
    {
        /// <summary>The console the help is written for.</summary>
        public const int ConsoleWidth = 80;

        /// <summary>The columns PowerShell writes in that console: it keeps the last one free, so a line of 80 wraps.</summary>
        public const int LineWidth = ConsoleWidth - 1;

        /// <summary>The indent of the synopsis, description, example code and remarks, and about topics' prose.</summary>
        public const int SectionIndent = 4;

        /// <summary>The indent of parameter, input and output descriptions, notes, and about topics' code.</summary>
        public const int ItemIndent = 8;

        private const int TitleDashes = 26;

        /// <summary>The columns left for text indented by <paramref name="indent"/>.</summary>
        public static int Room(int indent) => LineWidth - indent;

        /// <summary>The columns a console gives <paramref name="text"/>: two for each wide East Asian character.</summary>
        public static int Columns(string text)
        {
            ArgumentNullException.ThrowIfNull(text);
            return text.Length + text.Count(IsWide);
        }

        /// <summary>An example's title between dashes, as PowerShell's own help shows it, as wide as the room allows.</summary>
        public static string ExampleTitle(string title)
        {
            ArgumentNullException.ThrowIfNull(title);
            var dashes = Math.Min(TitleDashes, (Room(SectionIndent) - Columns(title) - 2) / 2);
            var rule = new string('-', Math.Max(dashes, 0));
            return $"{rule} {title} {rule}";
        }

        /// <summary>
        /// Breaks <paramref name="paragraph"/> at spaces into lines of at most <paramref name="width"/> characters; the
        /// lines after the first of a list item (<c>- </c>) are indented under its text. A word longer than the width
        /// stays whole, on a line of its own.
        /// </summary>
        public static IReadOnlyList<string> Wrap(string paragraph, int width)
        {
            ArgumentNullException.ThrowIfNull(paragraph);
            var hanging = paragraph.StartsWith("- ", StringComparison.Ordinal) || paragraph.StartsWith("* ", StringComparison.Ordinal) ? "  " : string.Empty;
            var lines = new List<string>();
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && Columns(line.ToString()) + 1 + Columns(word) > width)
                {
                    lines.Add(line.ToString());
                    line.Clear().Append(hanging);
                }
                else if (line.Length > 0)
                {
                    line.Append(' ');
                }

                line.Append(word);
            }

            lines.Add(line.ToString());
            return lines;
        }

        // Hangul, CJK, fullwidth forms: the blocks a terminal draws two columns wide.
        private static bool IsWide(char c) =>
            c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3')
                or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6');
    }
}
