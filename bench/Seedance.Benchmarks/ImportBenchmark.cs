using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Seedance.Benchmarks
{
    /// <summary>
    /// Row 1: <c>Import-Module</c> of out/Seedance against an empty one-cmdlet binary module, each in fresh runspaces,
    /// interleaved so both see the same load. The first import of each (its assembly loaded for the first time in the
    /// process) is reported apart; the medians are of the imports after it.
    /// </summary>
    internal static class ImportBenchmark
    {
        public static SummaryRow Run(int runs)
        {
            foreach (var manifest in new[] { BenchPaths.ModuleManifest, BenchPaths.EmptyModuleManifest })
            {
                if (!File.Exists(manifest))
                {
                    throw new FileNotFoundException("Build first: dotnet build Seedance.sln -c Release", manifest);
                }
            }

            using (var warm = new HostedEngine())
            {
                warm.Run("$null = Get-Command -Name Get-Command");
            }

            var firstEmpty = TimeImport(BenchPaths.EmptyModuleManifest);
            var firstSeedance = TimeImport(BenchPaths.ModuleManifest);
            var seedance = new List<double>();
            var empty = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                if (run % 2 == 0)
                {
                    seedance.Add(TimeImport(BenchPaths.ModuleManifest));
                    empty.Add(TimeImport(BenchPaths.EmptyModuleManifest));
                }
                else
                {
                    empty.Add(TimeImport(BenchPaths.EmptyModuleManifest));
                    seedance.Add(TimeImport(BenchPaths.ModuleManifest));
                }
            }

            var ours = Stats.Median(seedance);
            var bare = Stats.Median(empty);
            Console.WriteLine($"Import-Module, {runs} fresh runspaces each (median ms): Seedance {Stats.F(ours, "0.0")}, empty module {Stats.F(bare, "0.0")}; "
                + $"first import in the process (assembly load + JIT): Seedance {Stats.F(firstSeedance, "0.0")}, empty {Stats.F(firstEmpty, "0.0")}.");
            return new SummaryRow(
                "1. Import-Module in a fresh runspace (median of " + runs + ")",
                Stats.F(ours, "0.0") + " ms (first in process " + Stats.F(firstSeedance, "0") + " ms)",
                "empty binary module " + Stats.F(bare, "0.0") + " ms (first " + Stats.F(firstEmpty, "0") + " ms)",
                Stats.F(ours / bare, "0.00") + "x",
                "<= 1.5x",
                ours / bare <= 1.5);
        }

        private static double TimeImport(string manifest)
        {
            using var engine = new HostedEngine();
            var clock = Stopwatch.StartNew();
            engine.Run("Import-Module -Name $ManifestPath -ErrorAction Stop", new() { ["ManifestPath"] = manifest });
            var elapsed = clock.Elapsed.TotalMilliseconds;
            var exported = engine.Run("(Get-Module).ExportedCmdlets.Count").Single();
            if (exported.BaseObject is not int count || count == 0)
            {
                throw new InvalidOperationException("The module exported no cmdlets: " + manifest);
            }

            return elapsed;
        }
    }
}
