using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Seedance.HelpBuilder
{
    /// <summary>
    /// Reads a platyPS-style cmdlet page strictly: a page missing a section, an example or a parameter field is an error
    /// that names the file, the line and what to add, so a broken page fails the build instead of shipping thin help.
    /// </summary>
    public static partial class CommandPageParser
    {
        /// <summary>The sections every cmdlet page has, in order.</summary>
        public static IReadOnlyList<string> RequiredSections { get; } =
            new[] { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES" };

        /// <summary>The fields of every parameter's yaml block.</summary>
        public static IReadOnlyList<string> YamlFields { get; } = new[]
        {
            "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters",
        };

        /// <summary>The fewest examples a page may have.</summary>
        public const int MinExamples = 2;

        public static CommandPage Parse(string file, string text)
        {
            ArgumentNullException.ThrowIfNull(text);
            var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            var bodyStart = ReadFrontMatter(file, lines);
            var titles = MarkdownOutline.Parse(lines.Skip(bodyStart).ToList(), bodyStart + 1, 1);
            if (titles.Count != 1)
            {
                throw new HelpPageException(file, bodyStart + 1, "A page has exactly one '# <Cmdlet-Name>' title.");
            }

            var title = titles[0];
            var page = new CommandPage { Name = title.Title };
            var expectedName = System.IO.Path.GetFileNameWithoutExtension(file);
            if (!string.Equals(page.Name, expectedName, StringComparison.Ordinal))
            {
                throw new HelpPageException(file, title.Line, $"The title '# {page.Name}' must be the cmdlet name '{expectedName}' (the file name).");
            }

            var sections = title.Children.ToDictionary(s => s.Title, StringComparer.Ordinal);
            foreach (var required in RequiredSections)
            {
                if (!sections.ContainsKey(required))
                {
                    throw new HelpPageException(file, title.Line, $"The section '## {required}' is missing. A page has: {string.Join(", ", RequiredSections.Select(s => "## " + s))}.");
                }
            }

            page.Synopsis = ReadSynopsis(file, sections["SYNOPSIS"]);
            ReadSyntax(file, sections["SYNTAX"], page);
            foreach (var paragraph in Fit(file, sections["DESCRIPTION"], RequireText(file, sections["DESCRIPTION"]), HelpLayout.SectionIndent))
            {
                page.Description.Add(paragraph);
            }

            ReadExamples(file, sections["EXAMPLES"], page);
            ReadParameters(file, sections["PARAMETERS"], page);
            ReadTypes(file, sections["INPUTS"], page.Inputs);
            ReadTypes(file, sections["OUTPUTS"], page.Outputs);
            foreach (var paragraph in Fit(file, sections["NOTES"], RequireText(file, sections["NOTES"]), HelpLayout.ItemIndent))
            {
                page.Notes.Add(paragraph);
            }

            if (sections.TryGetValue("RELATED LINKS", out var links))
            {
                ReadLinks(file, links, page);
            }

            return page;
        }

        private static string ReadSynopsis(string file, MarkdownSection section)
        {
            var synopsis = MarkdownOutline.PlainText(string.Join(" ", RequireText(file, section)));
            var room = HelpLayout.Room(HelpLayout.SectionIndent);
            return HelpLayout.Columns(synopsis) <= room
                ? synopsis
                : throw new HelpPageException(file, section.Line, $"The synopsis is {HelpLayout.Columns(synopsis)} columns wide; Get-Help shows it on one line of at most {room}. Shorten it and let the description say the rest.");
        }

        private static void ReadLinks(string file, MarkdownSection links, CommandPage page)
        {
            var body = string.Join("\n", links.Body);
            foreach (Match match in LinkPattern().Matches(body))
            {
                var line = links.Line + 1 + body.Take(match.Index).Count(c => c == '\n');
                var link = new HelpLink(match.Groups["text"].Value, match.Groups["uri"].Value, line);
                if (link.Uri.Length > 0 && !link.Uri.StartsWith("https://", StringComparison.Ordinal) && !link.Uri.StartsWith("http://", StringComparison.Ordinal))
                {
                    throw new HelpPageException(file, line, $"A related link names a cmdlet or an about topic, [{link.Text}](), or a web page, [title](https://...); Get-Help cannot open '{link.Uri}'.");
                }

                var room = HelpLayout.Room(HelpLayout.SectionIndent);
                if (HelpLayout.Columns((link.Text + " " + link.Uri).Trim()) > room)
                {
                    throw new HelpPageException(file, line, $"Get-Help shows this link on one line of at most {room} columns; shorten its title or its URI.");
                }

                page.Links.Add(link);
            }
        }

        /// <summary>The paragraphs as Get-Help shows them at <paramref name="indent"/>: plain text, broken into lines that fit the console.</summary>
        private static List<string> Fit(string file, MarkdownSection section, IReadOnlyList<string> paragraphs, int indent)
        {
            var room = HelpLayout.Room(indent);
            var fitted = new List<string>();
            foreach (var paragraph in paragraphs)
            {
                var lines = HelpLayout.Wrap(MarkdownOutline.PlainText(paragraph), room);
                var tooLong = lines.FirstOrDefault(l => HelpLayout.Columns(l) > room);
                if (tooLong is not null)
                {
                    throw new HelpPageException(file, section.Line, $"'{tooLong.Trim()}' is longer than the {room} columns Get-Help has for it in '{section.Title}'.");
                }

                fitted.Add(string.Join("\n", lines));
            }

            return fitted;
        }

        private static int ReadFrontMatter(string file, string[] lines)
        {
            if (lines.Length == 0 || lines[0].Trim() != "---")
            {
                throw new HelpPageException(file, 1, "A page starts with front matter: '---', 'external help file: Seedance.dll-Help.xml', 'Module Name: Seedance', '---'.");
            }

            var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
            if (end < 0)
            {
                throw new HelpPageException(file, 1, "The front matter has no closing '---'.");
            }

            var fields = lines.Skip(1).Take(end - 1).Where(l => l.Contains(':', StringComparison.Ordinal))
                .ToDictionary(l => l.Substring(0, l.IndexOf(':', StringComparison.Ordinal)).Trim(), l => l.Substring(l.IndexOf(':', StringComparison.Ordinal) + 1).Trim(), StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in new[] { ("external help file", "Seedance.dll-Help.xml"), ("Module Name", "Seedance") })
            {
                if (!fields.TryGetValue(key, out var actual) || actual != value)
                {
                    throw new HelpPageException(file, 1, $"The front matter needs '{key}: {value}'.");
                }
            }

            return end + 1;
        }

        private static void ReadSyntax(string file, MarkdownSection syntax, CommandPage page)
        {
            var sets = syntax.Children.Count > 0 ? syntax.Children : new[] { syntax };
            foreach (var set in sets)
            {
                if (MarkdownOutline.CodeBlocks(set.Body).Count == 0)
                {
                    throw new HelpPageException(file, set.Line, "Each syntax has a ``` code block with the cmdlet's syntax line.");
                }

                var name = set == syntax ? "__AllParameterSets" : set.Title.Replace("(Default)", string.Empty, StringComparison.Ordinal).Trim();
                if (set.Title.Contains("(Default)", StringComparison.Ordinal))
                {
                    page.ParameterSets.Insert(0, name);
                }
                else
                {
                    page.ParameterSets.Add(name);
                }
            }
        }

        private static void ReadExamples(string file, MarkdownSection examples, CommandPage page)
        {
            foreach (var example in examples.Children)
            {
                if (!ExampleTitlePattern().IsMatch(example.Title))
                {
                    throw new HelpPageException(file, example.Line, $"An example's heading is '### Example N: <title>', not '### {example.Title}'.");
                }

                var code = MarkdownOutline.CodeBlocks(example.Body).FirstOrDefault(b => b.Language.Equals("powershell", StringComparison.OrdinalIgnoreCase));
                if (code.Lines is null || code.Lines.All(string.IsNullOrWhiteSpace))
                {
                    throw new HelpPageException(file, example.Line, $"'{example.Title}' has no ```powershell code block.");
                }

                var remarks = MarkdownOutline.Paragraphs(example.Body);
                if (remarks.Count == 0)
                {
                    throw new HelpPageException(file, example.Line, $"'{example.Title}' needs a sentence after its code that says what it does.");
                }

                var room = HelpLayout.Room(HelpLayout.SectionIndent);
                if (HelpLayout.Columns(HelpLayout.ExampleTitle(example.Title)) > room)
                {
                    throw new HelpPageException(file, example.Line, $"'{example.Title}' is too long for a title line of {room} columns in Get-Help; shorten it and let the sentence after the code say the rest.");
                }

                var wide = code.Lines.FirstOrDefault(l => HelpLayout.Columns(l) > room);
                if (wide is not null)
                {
                    var line = example.Line + 1 + example.Body.ToList().IndexOf(wide);
                    throw new HelpPageException(file, line, $"This code line is {HelpLayout.Columns(wide)} columns wide; Get-Help shows example code within {room} (79 columns less its indent). Break it after a pipe or a comma, or splat the parameters.");
                }

                page.Examples.Add(new HelpExample(example.Title, string.Join("\n", code.Lines), Fit(file, example, remarks, HelpLayout.SectionIndent)));
            }

            if (page.Examples.Count < MinExamples)
            {
                throw new HelpPageException(file, examples.Line, $"A page has at least {MinExamples} examples ('### Example N: <title>'); this one has {page.Examples.Count}.");
            }

            if (!page.Examples.Any(e => e.Code.Contains('|', StringComparison.Ordinal)))
            {
                throw new HelpPageException(file, examples.Line, "At least one example shows the cmdlet in a pipeline (its code has a '|').");
            }
        }

        private static void ReadParameters(string file, MarkdownSection parameters, CommandPage page)
        {
            foreach (var section in parameters.Children)
            {
                if (section.Title == "CommonParameters")
                {
                    continue;
                }

                if (!section.Title.StartsWith('-'))
                {
                    throw new HelpPageException(file, section.Line, $"A parameter's heading is '### -Name', not '### {section.Title}'.");
                }

                var name = section.Title.Substring(1).Trim();
                var description = Fit(file, section, MarkdownOutline.Paragraphs(section.Body), HelpLayout.ItemIndent);
                if (description.Count == 0)
                {
                    throw new HelpPageException(file, section.Line, $"-{name} needs a description before its yaml block.");
                }

                var blocks = MarkdownOutline.CodeBlocks(section.Body).Where(b => b.Language == "yaml").ToList();
                if (blocks.Count == 0)
                {
                    throw new HelpPageException(file, section.Line, $"-{name} needs a ```yaml block with: {string.Join(", ", YamlFields)}.");
                }

                var parameter = default(HelpParameter);
                foreach (var block in blocks)
                {
                    var fields = ReadYaml(file, section.Line, name, block.Lines);
                    parameter ??= new HelpParameter(
                        name,
                        description,
                        fields["Type"],
                        fields["Aliases"],
                        fields["Default value"],
                        ReadBool(file, section.Line, name, "Accept wildcard characters", fields["Accept wildcard characters"]));
                    parameter.Usages.Add(new HelpParameterUsage(
                        fields["Parameter Sets"].Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList(),
                        ReadBool(file, section.Line, name, "Required", fields["Required"]),
                        fields["Position"],
                        fields["Accept pipeline input"]));
                }

                page.Parameters.Add(parameter!);
            }
        }

        private static Dictionary<string, string> ReadYaml(string file, int line, string parameter, IReadOnlyList<string> lines)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var text in lines.Where(l => l.Contains(':', StringComparison.Ordinal)))
            {
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                fields[text.Substring(0, colon).Trim()] = text.Substring(colon + 1).Trim();
            }

            var missing = YamlFields.Where(f => !fields.ContainsKey(f)).ToList();
            if (missing.Count > 0)
            {
                throw new HelpPageException(file, line, $"-{parameter}'s yaml block lacks: {string.Join(", ", missing)}.");
            }

            foreach (var required in new[] { "Type", "Parameter Sets", "Position" })
            {
                if (fields[required].Length == 0)
                {
                    throw new HelpPageException(file, line, $"-{parameter}'s yaml field '{required}' is empty.");
                }
            }

            return fields;
        }

        private static bool ReadBool(string file, int line, string parameter, string field, string value) =>
            bool.TryParse(value, out var result)
                ? result
                : throw new HelpPageException(file, line, $"-{parameter}'s yaml field '{field}' is True or False, not '{value}'.");

        private static void ReadTypes(string file, MarkdownSection section, IList<HelpTypeEntry> entries)
        {
            foreach (var type in section.Children)
            {
                entries.Add(new HelpTypeEntry(type.Title, Fit(file, type, MarkdownOutline.Paragraphs(type.Body), HelpLayout.ItemIndent)));
            }

            if (entries.Count == 0)
            {
                throw new HelpPageException(file, section.Line, $"'## {section.Title}' lists at least one type as '### TypeName' (or '### None').");
            }
        }

        private static IReadOnlyList<string> RequireText(string file, MarkdownSection section)
        {
            var paragraphs = MarkdownOutline.Paragraphs(section.Body);
            return paragraphs.Count > 0 ? paragraphs : throw new HelpPageException(file, section.Line, $"'## {section.Title}' is empty.");
        }

        [GeneratedRegex(@"^Example \d+: \S")]
        private static partial Regex ExampleTitlePattern();

        [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)")]
        private static partial Regex LinkPattern();
    }
}
