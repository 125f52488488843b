using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace Seedance.Benchmarks
{
    /// <summary>
    /// docs/performance.md: each command owns the section between its markers (<c>&lt;!-- bench:all --&gt;</c> …
    /// <c>&lt;!-- /bench:all --&gt;</c>) and replaces only that, so the text around it and the other command's figures stay.
    /// </summary>
    internal static class PerformanceReport
    {
        public static string Machine() => string.Format(
            CultureInfo.InvariantCulture,
            "Machine: {0} cores, {1}, {2}, {3}. Run {4:yyyy-MM-dd HH:mm} UTC. Load average at start {5}.",
            Environment.ProcessorCount,
            RuntimeInformation.OSDescription,
            RuntimeInformation.OSArchitecture,
            RuntimeInformation.FrameworkDescription,
            DateTime.UtcNow,
            Stats.Load());

        public static void Write(string section, string body)
        {
            var path = BenchPaths.Report;
            var begin = "<!-- bench:" + section + " -->";
            var end = "<!-- /bench:" + section + " -->";
            var text = File.Exists(path) ? File.ReadAllText(path) : "# Performance\n";
            var block = begin + "\n" + body.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n" + end;
            var from = text.IndexOf(begin, StringComparison.Ordinal);
            var to = text.IndexOf(end, StringComparison.Ordinal);
            text = from >= 0 && to > from
                ? text[..from] + block + text[(to + end.Length)..]
                : text.TrimEnd() + "\n\n" + block + "\n";
            File.WriteAllText(path, text);
            Console.Error.WriteLine("Wrote " + path);
        }
    }
}
