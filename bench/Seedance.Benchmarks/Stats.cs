using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Seedance.Benchmarks
{
    /// <summary>Medians, and the machine's load as the kernel reports it (the machine is shared: quote it beside the numbers).</summary>
    internal static class Stats
    {
        public static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            if (sorted.Length == 0)
            {
                throw new ArgumentException("No values.", nameof(values));
            }

            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }

        public static string Load() => File.Exists("/proc/loadavg")
            ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
            : "n/a";

        public static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
    }
}
