using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Seedance.HelpBuilder
{
    /// <summary>
    /// <c>Seedance.HelpBuilder &lt;docs folder&gt; &lt;output folder&gt;</c>: reads every page in the docs folder and writes
    /// <c>Seedance.dll-Help.xml</c> and the <c>about_*.help.txt</c> topics. A page that breaks the format fails the build
    /// with a message that MSBuild shows as an error at the page's line.
    /// </summary>
    public static class Program
    {
        public const string HelpFileName = "Seedance.dll-Help.xml";

        public static int Main(string[] args)
        {
            ArgumentNullException.ThrowIfNull(args);
            if (args.Length != 2)
            {
                Console.Error.WriteLine("usage: Seedance.HelpBuilder <docs folder> <output folder>");
                return 2;
            }

            try
            {
                Build(args[0], args[1]);
                return 0;
            }
            catch (HelpPageException e)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        }

        /// <summary>Reads the pages in <paramref name="docs"/> and writes the help files into <paramref name="output"/>.</summary>
        public static void Build(string docs, string output)
        {
            var files = Directory.GetFiles(docs, "*.md").OrderBy(f => f, StringComparer.Ordinal).ToList();
            var about = files.Where(IsAboutTopic).ToList();
            var pages = files.Except(about).Select(f => (File: f, Page: CommandPageParser.Parse(f, File.ReadAllText(f)))).ToList();
            CheckLinks(pages, about.Select(f => Path.GetFileNameWithoutExtension(f)));
            Directory.CreateDirectory(output);
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            using (var writer = new StreamWriter(Path.Combine(output, HelpFileName), append: false, utf8))
            {
                MamlWriter.Write(pages.Select(p => p.Page)).Save(writer);
            }

            foreach (var topic in about)
            {
                var text = AboutTopicWriter.Write(topic, File.ReadAllText(topic));
                File.WriteAllText(Path.Combine(output, Path.GetFileNameWithoutExtension(topic) + ".help.txt"), text, utf8);
            }
        }

        /// <summary>A related link without a URI names a page of the module, so that Get-Help can show it.</summary>
        private static void CheckLinks(List<(string File, CommandPage Page)> pages, IEnumerable<string> topics)
        {
            var names = new HashSet<string>(pages.Select(p => p.Page.Name).Concat(topics), StringComparer.OrdinalIgnoreCase);
            foreach (var (file, page) in pages)
            {
                var unknown = page.Links.FirstOrDefault(l => l.Uri.Length == 0 && !names.Contains(l.Text));
                if (unknown is not null)
                {
                    throw new HelpPageException(file, unknown.Line, $"'{unknown.Text}' is not a cmdlet or about topic of this module: a link without a URI names one of {string.Join(", ", names.OrderBy(n => n, StringComparer.Ordinal))}.");
                }
            }
        }

        private static bool IsAboutTopic(string file) => Path.GetFileName(file).StartsWith("about_", StringComparison.OrdinalIgnoreCase);
    }
}
