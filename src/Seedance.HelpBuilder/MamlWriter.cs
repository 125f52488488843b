using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace Seedance.HelpBuilder
{
    /// <summary>
    /// Writes cmdlet pages as one MAML document (<c>Seedance.dll-Help.xml</c>), the format Get-Help reads. Paragraphs
    /// arrive broken into lines (<see cref="HelpLayout"/>); an empty paragraph after each example's remarks keeps the
    /// examples apart.
    /// </summary>
    public static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        public static XDocument Write(IEnumerable<CommandPage> pages) =>
            new(
                new XDeclaration("1.0", "utf-8", null),
                new XElement(
                    Msh + "helpItems",
                    new XAttribute("schema", "maml"),
                    pages.OrderBy(p => p.Name, StringComparer.Ordinal).Select(WriteCommand)));

        private static XElement WriteCommand(CommandPage page)
        {
            var dash = page.Name.IndexOf('-', StringComparison.Ordinal);
            return new XElement(
                Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XElement(
                    Command + "details",
                    new XElement(Command + "name", page.Name),
                    new XElement(Command + "verb", page.Name.Substring(0, dash)),
                    new XElement(Command + "noun", page.Name.Substring(dash + 1)),
                    Paragraphs(new[] { page.Synopsis })),
                Paragraphs(page.Description),
                new XElement(Command + "syntax", page.ParameterSets.Select(set => WriteSyntaxItem(page, set))),
                new XElement(Command + "parameters", page.Parameters.Select(p => WriteParameter(p, p.Usages[0]))),
                new XElement(Command + "inputTypes", page.Inputs.Select(i => WriteType(Command + "inputType", i))),
                new XElement(Command + "returnValues", page.Outputs.Select(o => WriteType(Command + "returnValue", o))),
                new XElement(Maml + "alertSet", new XElement(Maml + "alert", page.Notes.Select(Para))),
                new XElement(Command + "examples", page.Examples.Select(WriteExample)),
                new XElement(
                    Command + "relatedLinks",
                    page.Links.Select(l => new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", l.Text), new XElement(Maml + "uri", l.Uri)))));
        }

        private static XElement WriteSyntaxItem(CommandPage page, string set)
        {
            var all = set == "__AllParameterSets";
            var parameters = page.Parameters
                .Select(p => (Parameter: p, Usage: all ? p.Usages[0] : p.Usages.FirstOrDefault(u => u.AppliesTo(set))))
                .Where(x => x.Usage is not null)
                .OrderBy(x => int.TryParse(x.Usage!.Position, out var position) ? position : int.MaxValue);
            return new XElement(
                Command + "syntaxItem",
                new XElement(Maml + "name", page.Name),
                parameters.Select(x => WriteParameter(x.Parameter, x.Usage!)));
        }

        private static XElement WriteParameter(HelpParameter parameter, HelpParameterUsage usage) =>
            new(
                Command + "parameter",
                new XAttribute("required", usage.Required ? "true" : "false"),
                new XAttribute("variableLength", parameter.Type.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
                new XAttribute("globbing", parameter.AcceptsWildcards ? "true" : "false"),
                new XAttribute("pipelineInput", usage.PipelineInput.Length > 0 ? usage.PipelineInput : "False"),
                new XAttribute("position", int.TryParse(usage.Position, out _) ? usage.Position : "named"),
                new XAttribute("aliases", parameter.Aliases.Length > 0 ? parameter.Aliases : "none"),
                new XElement(Maml + "name", parameter.Name),
                Paragraphs(parameter.Description),
                parameter.IsSwitch ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), parameter.Type),
                new XElement(Dev + "type", new XElement(Maml + "name", parameter.Type), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", parameter.DefaultValue.Length > 0 ? parameter.DefaultValue : "None"));

        private static XElement WriteType(XName name, HelpTypeEntry entry) =>
            new(
                name,
                new XElement(Dev + "type", new XElement(Maml + "name", entry.Type), new XElement(Maml + "uri")),
                Paragraphs(entry.Description));

        private static XElement WriteExample(HelpExample example) =>
            new(
                Command + "example",
                new XElement(Maml + "title", HelpLayout.ExampleTitle(example.Title)),
                new XElement(Dev + "code", example.Code),
                new XElement(Dev + "remarks", example.Remarks.Append(string.Empty).Select(Para)));

        private static XElement Paragraphs(IEnumerable<string> paragraphs) =>
            new(Maml + "description", paragraphs.Select(Para));

        private static XElement Para(string text) => new(Maml + "para", text);
    }
}
