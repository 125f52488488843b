using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Client.Downloads;
using Seedance.Client.Requests;
using Seedance.Requests;
using Seedance.Sandbox;
using Seedance.Client.Waiting;
using Seedance.Client;

namespace Seedance.Benchmarks
{
    /// <summary>
    /// A 256 MiB result download from the sandbox: <see cref="ResultDownloader"/> beside a bare
    /// <c>HttpClient.GetStreamAsync</c> + <c>CopyToAsync</c>, in one run. Peak memory growth is sampled every 5 ms
    /// (managed heap and working set) above the level just before each download.
    /// </summary>
    internal static class DownloadBenchmark
    {
        private const long Size = 256L * 1024 * 1024;

        public static async Task RunAsync()
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { VideoSize = Size, ProcessingTime = TimeSpan.FromMilliseconds(200) });
            var client = new SeedanceClient(new SeedanceClientOptions
            {
                BaseUri = sandbox.BaseUri,
                ApiKey = new NetworkCredential(string.Empty, sandbox.Options.ApiKey).SecurePassword,
            });
            SeedanceTask? done = null;
            await new TaskWaiter(client).WaitAsync(new[] { await client.SubmitAsync(new VideoRequest { Prompt = "a 256 MiB clip" }) }, null, o => done = o.Task);
            var url = new Uri(done!.VideoUrl!);
            var folder = Directory.CreateTempSubdirectory("seedance-bench-").FullName;
            try
            {
                Console.WriteLine("Download of 256 MiB from the sandbox on loopback (both write to a file on the same disk).");
                Console.WriteLine();
                Console.WriteLine("| copy | time (s) | MiB/s | peak managed heap growth (MiB) | peak working set growth (MiB) |");
                Console.WriteLine("|---|---:|---:|---:|---:|");
                using var bare = new HttpClient();
                for (var round = 0; round < 2; round++)
                {
                    var ours = await MeasureAsync(() => new ResultDownloader().DownloadAsync(url, Path.Combine(folder, "ours.mp4"), true, null, null, CancellationToken.None));
                    Print("ResultDownloader", ours);
                    var plain = await MeasureAsync(async () =>
                    {
                        await using var body = await bare.GetStreamAsync(url);
                        await using var file = File.Create(Path.Combine(folder, "bare.mp4"));
                        await body.CopyToAsync(file);
                    });
                    Print("bare HttpClient copy", plain);
                }

                Console.WriteLine();
                Console.WriteLine("Files equal: " + (new FileInfo(Path.Combine(folder, "ours.mp4")).Length == Size && new FileInfo(Path.Combine(folder, "bare.mp4")).Length == Size));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private static void Print(string name, (TimeSpan Time, long Heap, long WorkingSet) m) => Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "| {0} | {1:0.00} | {2:0} | {3:0.0} | {4:0.0} |",
            name,
            m.Time.TotalSeconds,
            Size / (1024.0 * 1024) / m.Time.TotalSeconds,
            m.Heap / (1024.0 * 1024),
            m.WorkingSet / (1024.0 * 1024)));

        private static async Task<(TimeSpan Time, long Heap, long WorkingSet)> MeasureAsync(Func<Task> download)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var heapBefore = GC.GetTotalMemory(false);
            var workingSetBefore = process.WorkingSet64;
            long heapPeak = heapBefore;
            long workingSetPeak = workingSetBefore;
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    process.Refresh();
                    heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
                    workingSetPeak = Math.Max(workingSetPeak, process.WorkingSet64);
                    await Task.Delay(5);
                }
            });
            var clock = Stopwatch.StartNew();
            await download();
            var time = clock.Elapsed;
            await stop.CancelAsync();
            await sampler;
            return (time, heapPeak - heapBefore, workingSetPeak - workingSetBefore);
        }
    }
}
