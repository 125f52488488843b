using System;
using System.Threading.Tasks;

namespace Seedance.Benchmarks
{
    /// <summary><c>batch</c>: waiting for 1, 10 and 100 tasks against a naive loop; <c>download</c>: a 256 MiB download against a bare HttpClient copy.</summary>
    internal static class Program
    {
        private static async Task<int> Main(string[] args)
        {
            var what = args.Length > 0 ? args[0] : "batch";
            switch (what)
            {
                case "batch":
                    await BatchBenchmark.RunAsync();
                    return 0;
                case "download":
                    await DownloadBenchmark.RunAsync();
                    return 0;
                default:
                    Console.Error.WriteLine("usage: Seedance.Benchmarks batch|download");
                    return 2;
            }
        }
    }
}
