using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Client.Requests;
using Seedance.Requests;
using Seedance.Sandbox;
using Seedance.Client.Waiting;
using Seedance.Client;

namespace Seedance.Benchmarks
{
    /// <summary>
    /// Submits a batch, then waits for all of it: with <see cref="TaskWaiter"/>, and with a naive loop that polls every
    /// pending task every 0.5 s (the common "every 5 s", on the benchmark's 10x time scale) through a client that does
    /// not budget requests (as a script calling the API directly would), relying on retries after 429. Render times are
    /// drawn from 2–6 s and the rate limit is 30 requests per 6 s, so at 100 tasks the rate limit is the binding constraint.
    /// </summary>
    internal static class BatchBenchmark
    {
        private static readonly TimeSpan Window = TimeSpan.FromSeconds(6);
        private const int Limit = 30;
        private static readonly TimeSpan NaivePeriod = TimeSpan.FromSeconds(0.5);

        public static async Task RunAsync()
        {
            CompletionTimeModel.Shared.Reset();
            Console.WriteLine("Batch wait: render 2–6 s (uniform, seeded), rate limit 30 requests / 6 s, submit all then wait all.");
            Console.WriteLine("Lower bound = later of (slowest task's finish) and (time the rate limit needs for one submit + one poll per task).");
            Console.WriteLine("The TaskWaiter rows run in order in one process, so the 1-task row starts cold and later rows use what was learned;");
            Console.WriteLine("the last row starts cold again.");
            Console.WriteLine();
            Console.WriteLine("| tasks | loop | wall (s) | lower bound (s) | wall / bound | requests / task | 429 |");
            Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
            foreach (var count in new[] { 1, 10, 100 })
            {
                Print(count, "TaskWaiter", await RunOnceAsync(count, naive: false));
                Print(count, "naive 0.5 s", await RunOnceAsync(count, naive: true));
            }

            // A fresh session with nothing learned (as a new machine or an empty journal): 20 tasks, more than the window
            // leaves room for after their submits.
            CompletionTimeModel.Shared.Reset();
            Print(20, "TaskWaiter, cold", await RunOnceAsync(20, naive: false));
        }

        private static void Print(int count, string loop, Measurement m) => Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "| {0} | {1} | {2:0.00} | {3:0.00} | {4:0.000} | {5:0.00} | {6} |",
            count,
            loop,
            m.Wall.TotalSeconds,
            m.LowerBound.TotalSeconds,
            m.Wall.TotalSeconds / m.LowerBound.TotalSeconds,
            (double)m.Requests / count,
            m.RateLimited));

        private static async Task<Measurement> RunOnceAsync(int count, bool naive)
        {
            var random = new Random(count);
            var renders = Enumerable.Range(0, count).ToDictionary(i => Prompt(i), _ => TimeSpan.FromSeconds(2 + (4 * random.NextDouble())));
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions
            {
                RateLimitRequests = Limit,
                RateLimitWindow = Window,
                ProcessingTimeSelector = prompt => renders[prompt],
            });
            var client = new SeedanceClient(new SeedanceClientOptions
            {
                BaseUri = sandbox.BaseUri,
                ApiKey = new NetworkCredential(string.Empty, sandbox.Options.ApiKey).SecurePassword,
                RateLimitRequests = naive ? 100_000 : Limit,
                RateLimitWindow = Window,
            });

            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var tasks = new List<SeedanceTask>();
            var finishes = new List<TimeSpan>();
            foreach (var prompt in renders.Keys)
            {
                var task = await client.SubmitAsync(new VideoRequest { Prompt = prompt });
                tasks.Add(task);
                var created = sandbox.RequestLog.Last(r => r.Method == "POST").At;
                finishes.Add(created + renders[prompt] - started);
            }

            if (naive)
            {
                await NaiveWaitAsync(client, tasks);
            }
            else
            {
                await new TaskWaiter(client).WaitAsync(tasks, null, _ => { });
            }

            var wall = clock.Elapsed;
            var api = sandbox.RequestLog.Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();
            return new Measurement(wall, Max(finishes.Max(), TimeSpan.FromTicks(Window.Ticks * (((2 * count) - 1) / Limit))), api.Count, api.Count(r => r.Status == 429));
        }

        private static async Task NaiveWaitAsync(SeedanceClient client, List<SeedanceTask> tasks)
        {
            var pending = tasks.ConvertAll(t => t.Id);
            while (pending.Count > 0)
            {
                var sweep = Task.Delay(NaivePeriod);
                foreach (var id in pending.ToList())
                {
                    if ((await client.GetTaskAsync(id)).IsFinished)
                    {
                        pending.Remove(id);
                    }
                }

                await sweep;
            }
        }

        private static string Prompt(int i) => "benchmark clip number " + i.ToString(CultureInfo.InvariantCulture);

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

        private sealed record Measurement(TimeSpan Wall, TimeSpan LowerBound, int Requests, int RateLimited);
    }
}
