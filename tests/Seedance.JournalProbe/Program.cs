using System;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Threading.Tasks;
using Seedance;
using Seedance.Client.Journal;
using Seedance.Journal;
using Seedance.Client.Requests;
using Seedance.Requests;
using Seedance.Client;

// Usage: Seedance.JournalProbe --base-uri URI --journal FILE [--count N] [--parallel N] [--prefix TEXT] [--max-retries N]
// The key comes from SEEDANCE_API_KEY. Prints "ready", then "submitted <id>" per accepted task; exits 1 on any failure.
var arguments = args.Select((value, index) => (value, index)).Where(a => a.value.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(a => a.value.Substring(2), a => a.index + 1 < args.Length ? args[a.index + 1] : string.Empty, StringComparer.OrdinalIgnoreCase);
string Option(string name, string fallback) => arguments.TryGetValue(name, out var value) ? value : fallback;
int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var key = new SecureString();
foreach (var character in Environment.GetEnvironmentVariable("SEEDANCE_API_KEY") ?? string.Empty)
{
    key.AppendChar(character);
}

var client = new SeedanceClient(new SeedanceClientOptions
{
    BaseUri = new Uri(Option("base-uri", string.Empty)),
    ApiKey = key,
    MaxRetries = Number("max-retries", 6),
    RateLimitRequests = 100000,
    RateLimitWindow = TimeSpan.FromSeconds(1),
    Journal = new TaskJournal(Option("journal", string.Empty), Console.Error.WriteLine),
});

var prefix = Option("prefix", "probe");
var output = new object();
Console.WriteLine("ready");
try
{
    await Parallel.ForEachAsync(
        Enumerable.Range(0, Number("count", 1)),
        new ParallelOptions { MaxDegreeOfParallelism = Number("parallel", 1) },
        async (i, cancellationToken) =>
        {
            var task = await client.SubmitAsync(new VideoRequest { Prompt = $"{prefix} submission {i}" }, cancellationToken: cancellationToken);
            lock (output)
            {
                Console.WriteLine("submitted " + task.Id);
            }
        });
    return 0;
}
catch (SeedanceException e)
{
    Console.Error.WriteLine($"{e.ErrorCode}: {e.Message}");
    return 1;
}
