using System;
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
            var pages = files.Except(about).Select(f => CommandPageParser.Parse(f, File.ReadAllText(f))).ToList();
            Directory.CreateDirectory(output);
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            using (var writer = new StreamWriter(Path.Combine(output, HelpFileName), append: false, utf8))
            {
                MamlWriter.Write(pages).Save(writer);
            }

            foreach (var topic in about)
            {
                var text = AboutTopicWriter.Write(topic, File.ReadAllText(topic));
                File.WriteAllText(Path.Combine(output, Path.GetFileNameWithoutExtension(topic) + ".help.txt"), text, utf8);
            }
        }

        private static bool IsAboutTopic(string file) => Path.GetFileName(file).StartsWith("about_", StringComparison.OrdinalIgnoreCase);
    }
}
