using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;

namespace Seedance.Benchmarks
{
    /// <summary>
    /// Row 6: this process's managed heap and working set after <c>New-SeedanceVideo</c> then <c>Wait-SeedanceTask</c>
    /// on 10 tasks and on 1,000 (each in a fresh session, the sandbox in its own process), measured while the session
    /// still holds the tasks and again after it lets them go. Growth per task should be the task objects, the same at
    /// 10 and at 1,000, and should go away with them.
    /// </summary>
    internal static class MemoryBenchmark
    {
        private const string Script = """
            $submitted = foreach ($i in 1..$Count) { New-SeedanceVideo -Prompt "memory clip $i" -ApiKey $Key -Confirm:$false }
            $finished = $submitted | Wait-SeedanceTask -ApiKey $Key
            @($finished | Where-Object { $_.Status -eq 'completed' }).Count
            """;

        public static async Task<SummaryRow> RunAsync(int small, int large)
        {
            using var sandbox = await SandboxProcess.StartAsync(processingSeconds: 0.5);
            Measure(sandbox.BaseUri, small);
            var few = Measure(sandbox.BaseUri, small);
            var many = Measure(sandbox.BaseUri, large);
            foreach (var m in new[] { few, many })
            {
                Console.WriteLine($"Memory, {m.Count} tasks waited on: managed heap +{Stats.F(m.Heap / 1024.0, "0")} KiB while held ({Stats.F(m.Heap / (double)m.Count, "0")} B/task), "
                    + $"+{Stats.F(m.Released / 1024.0, "0")} KiB after release; working set {Stats.F(m.WorkingSet / 1048576.0, "0")} MiB; wait took {Stats.F(m.Seconds, "0.0")} s.");
            }

            var perFew = few.Heap / (double)few.Count;
            var perMany = many.Heap / (double)many.Count;
            return new SummaryRow(
                $"6. Memory after waiting on {large} tasks vs {small}",
                $"heap {Stats.F(perMany, "0")} B/task held, {Stats.F(many.Released / (double)many.Count, "0")} B/task after release; working set {Stats.F(many.WorkingSet / 1048576.0, "0")} MiB",
                $"{small} tasks: {Stats.F(perFew, "0")} B/task held; working set {Stats.F(few.WorkingSet / 1048576.0, "0")} MiB",
                Stats.F(perMany / perFew, "0.00") + "x per task",
                "<= 4 KB/task held, < 1 KB/task left after release",
                perMany <= 4096 && many.Released / (double)many.Count < 1024);
        }

        private static Measurement Measure(Uri baseUri, int count)
        {
            using var engine = HostedEngine.WithModule(baseUri, "-RateLimit 100000 -RateLimitWindowSeconds 1");
            var variables = new Dictionary<string, object?> { ["Key"] = new NetworkCredential(string.Empty, "sk_test_sandbox").SecurePassword, ["Count"] = count };
            var before = Heap();
            var clock = Stopwatch.StartNew();
            var completed = (int)engine.Run(Script, variables).Single().BaseObject;
            var seconds = clock.Elapsed.TotalSeconds;
            if (completed != count)
            {
                throw new InvalidOperationException($"{completed} of {count} tasks completed.");
            }

            var held = Heap();
            using var process = Process.GetCurrentProcess();
            var workingSet = process.WorkingSet64;
            engine.Run("$submitted = $null; $finished = $null");
            var released = Heap();
            return new Measurement(count, held - before, released - before, workingSet, seconds);
        }

        private static long Heap()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return GC.GetTotalMemory(true);
        }

        private sealed record Measurement(int Count, long Heap, long Released, long WorkingSet, double Seconds);
    }
}
