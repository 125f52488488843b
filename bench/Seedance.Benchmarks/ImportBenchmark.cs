using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Seedance.Benchmarks
{
    /// <summary>
    /// Row 1: <c>Import-Module</c> of out/Seedance against an empty one-cmdlet binary module, and against the same empty
    /// module with one table view in a format file (what PowerShell charges any module for format data), each in fresh
    /// runspaces, rotating so all see the same load. The first import of each (its assembly loaded for the first time in
    /// the process) is reported apart; the medians are of the imports after it.
    /// </summary>
    internal static class ImportBenchmark
    {
        public static SummaryRow Run(int runs)
        {
            var manifests = new[] { BenchPaths.ModuleManifest, BenchPaths.EmptyModuleManifest, BenchPaths.EmptyModuleWithViewManifest };
            foreach (var manifest in manifests)
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

            // The empty module goes first, so that it, not Seedance, pays for warming the engine's import path.
            var first = new double[manifests.Length];
            foreach (var which in new[] { 1, 2, 0 })
            {
                first[which] = TimeImport(manifests[which]);
            }

            var times = manifests.Select(_ => new List<double>()).ToArray();
            for (var run = 0; run < runs; run++)
            {
                for (var k = 0; k < manifests.Length; k++)
                {
                    var which = (run + k) % manifests.Length;
                    times[which].Add(TimeImport(manifests[which]));
                }
            }

            var ours = Stats.Median(times[0]);
            var empty = Stats.Median(times[1]);
            var withView = Stats.Median(times[2]);
            Console.WriteLine($"Import-Module, {runs} fresh runspaces each (median ms): Seedance {Stats.F(ours, "0.0")}, empty module {Stats.F(empty, "0.0")}, "
                + $"empty module with one table view {Stats.F(withView, "0.0")} (so format data alone costs {Stats.F(withView - empty, "0.0")} ms; Seedance is "
                + $"{Stats.F(ours / withView, "0.00")}x the empty module with a view); first import in the process (assembly load + JIT): "
                + $"Seedance {Stats.F(first[0], "0.0")}, empty {Stats.F(first[1], "0.0")}, empty with a view {Stats.F(first[2], "0.0")}.");
            return new SummaryRow(
                "1. Import-Module in a fresh runspace (median of " + runs + ")",
                Stats.F(ours, "0.0") + " ms (first in process " + Stats.F(first[0], "0") + " ms)",
                "empty binary module " + Stats.F(empty, "0.0") + " ms (first " + Stats.F(first[1], "0") + " ms); the same with one table view "
                    + Stats.F(withView, "0.0") + " ms (" + Stats.F(ours / withView, "0.00") + "x of it)",
                Stats.F(ours / empty, "0.00") + "x",
                "<= 1.5x",
                ours / empty <= 1.5);
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
