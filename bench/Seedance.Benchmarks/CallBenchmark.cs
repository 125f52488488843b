using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Seedance.Sandbox;

namespace Seedance.Benchmarks
{
    /// <summary>
    /// Rows 2 and 3: <c>Get-SeedanceTask -Id</c> on a completed task and <c>New-SeedanceVideo</c>, each against a bare
    /// shared <c>HttpClient</c> call plus JSON parse in this process, and against a PowerShell loop that makes an
    /// <c>HttpClient</c> per call (what a script without the module does; the hosted engine has no Invoke-RestMethod).
    /// The calls run in rounds, the three ways interleaved in turn, so they share the machine's load; per-call figures
    /// are medians over the rounds. Rate limits are raised out of the way in both the sandbox and the session.
    /// </summary>
    internal static class CallBenchmark
    {
        private const string SubmitPath = "api/v1/video/seedance2";

        private const string ModuleGetScript = """
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            foreach ($i in 1..$Count) { $null = Get-SeedanceTask -Id $Id -ApiKey $Key }
            $clock.Elapsed.TotalMilliseconds
            """;

        private const string FloorScript = """
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            foreach ($i in 1..$Count) { $null = Get-EmptyValue }
            $clock.Elapsed.TotalMilliseconds
            """;

        private const string BareCmdletGetScript = """
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            foreach ($i in 1..$Count) { $null = Invoke-BareRequest -Uri $Url -Key $PlainKey }
            $clock.Elapsed.TotalMilliseconds
            """;

        private const string BareCmdletSubmitScript = """
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            foreach ($i in 1..$Count) { $null = Invoke-BareRequest -Uri $Url -Key $PlainKey -Body $Body }
            $clock.Elapsed.TotalMilliseconds
            """;

        private const string ScriptGetScript = """
            $options = [System.Text.Json.JsonDocumentOptions]::new()
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            foreach ($i in 1..$Count) {
                $http = [System.Net.Http.HttpClient]::new()
                $http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $PlainKey)
                $text = $http.GetStringAsync($Url).GetAwaiter().GetResult()
                $null = [System.Text.Json.JsonDocument]::Parse($text, $options)
                $http.Dispose()
            }
            $clock.Elapsed.TotalMilliseconds
            """;

        private const string ModuleSubmitScript = """
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            foreach ($i in 1..$Count) { $null = New-SeedanceVideo -Prompt 'A paper boat drifting down a rainy street' -ApiKey $Key -Confirm:$false }
            $clock.Elapsed.TotalMilliseconds
            """;

        private const string ScriptSubmitScript = """
            $options = [System.Text.Json.JsonDocumentOptions]::new()
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            foreach ($i in 1..$Count) {
                $http = [System.Net.Http.HttpClient]::new()
                $http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $PlainKey)
                $message = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Post, $Url)
                $message.Headers.Add('Idempotency-Key', [guid]::NewGuid().ToString())
                $message.Content = [System.Net.Http.StringContent]::new($Body, [System.Text.Encoding]::UTF8, 'application/json')
                $response = $http.SendAsync($message).GetAwaiter().GetResult()
                $null = $response.EnsureSuccessStatusCode()
                $null = [System.Text.Json.JsonDocument]::Parse($response.Content.ReadAsStringAsync().GetAwaiter().GetResult(), $options)
                $response.Dispose()
                $http.Dispose()
            }
            $clock.Elapsed.TotalMilliseconds
            """;

        private const string Body = "{\"prompt\":\"A paper boat drifting down a rainy street\"}";

        public static async Task<IReadOnlyList<SummaryRow>> RunAsync(int calls, int rounds)
        {
            await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions
            {
                RateLimitRequests = 100_000_000,
                RateLimitWindow = TimeSpan.FromSeconds(1),
                ProcessingTime = TimeSpan.FromMilliseconds(100),
                InitialCredits = 1_000_000_000m,
            });
            var key = sandbox.Options.ApiKey;
            using var bare = new HttpClient { BaseAddress = sandbox.BaseUri };
            bare.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var id = await CompletedTaskAsync(bare);
            var taskUrl = new Uri(sandbox.BaseUri, "api/v1/tasks/" + id);
            using var engine = HostedEngine.WithModule(sandbox.BaseUri, "-RateLimit 100000 -RateLimitWindowSeconds 1");
            engine.Run("Import-Module -Name $ManifestPath -ErrorAction Stop", new() { ["ManifestPath"] = BenchPaths.EmptyModuleManifest });
            engine.Run("Import-Module -Assembly ([Seedance.Benchmarks.InvokeBareRequestCommand].Assembly) -ErrorAction Stop");
            var hasRestMethod = engine.Run("@(Get-Command -Name Invoke-RestMethod -ErrorAction SilentlyContinue).Count").Single().BaseObject is int n && n > 0;
            Console.WriteLine("Invoke-RestMethod in the hosted engine: " + (hasRestMethod ? "present" : "absent (core cmdlets only), so the script baseline uses HttpClient"));
            var variables = new Dictionary<string, object?>
            {
                ["Key"] = new NetworkCredential(string.Empty, key).SecurePassword,
                ["PlainKey"] = key,
                ["Id"] = id,
            };

            var perRound = Math.Max(1, calls / rounds);
            var floorWay = () => ModuleRound(engine, FloorScript, variables, perRound, taskUrl);
            using var unjournaled = HostedEngine.WithModule(sandbox.BaseUri, "-RateLimit 100000 -RateLimitWindowSeconds 1", journal: false);
            var get = Measure(
                rounds,
                perRound,
                floorWay,
                () => ModuleRound(engine, ModuleGetScript, variables, perRound, taskUrl),
                () => BareRound(() => bare.GetStringAsync(taskUrl), perRound),
                () => ModuleRound(engine, ScriptGetScript, variables, perRound, taskUrl),
                () => ModuleRound(unjournaled, ModuleGetScript, variables, perRound, taskUrl),
                () => ModuleRound(engine, BareCmdletGetScript, variables, perRound, taskUrl));
            var submitUrl = new Uri(sandbox.BaseUri, SubmitPath);
            var submit = Measure(
                rounds,
                perRound,
                floorWay,
                () => ModuleRound(engine, ModuleSubmitScript, variables, perRound, submitUrl),
                () => BareRound(() => PostAsync(bare, submitUrl), perRound),
                () => ModuleRound(engine, ScriptSubmitScript, variables, perRound, submitUrl),
                () => ModuleRound(unjournaled, ModuleSubmitScript, variables, perRound, submitUrl),
                () => ModuleRound(engine, BareCmdletSubmitScript, variables, perRound, submitUrl));
            var rateLimited = sandbox.RequestLog.Count(r => r.Status == 429);
            var failed = sandbox.RequestLog.Count(r => r.Status >= 400);
            Console.WriteLine($"Per-call rounds: {rounds} x {perRound} calls per way; sandbox answered {sandbox.RequestLog.Count} requests, {failed} of them >= 400 ({rateLimited} x 429).");
            Console.WriteLine($"A minimal binary cmdlet making the bare request (Invoke-BareRequest): GET {Stats.F(get[BareCmdlet], "0")} µs, POST {Stats.F(submit[BareCmdlet], "0")} µs; "
                + $"that is what PowerShell charges for a network call inside a command: {Stats.F(get[BareCmdlet] - get[Bare], "0")} µs and {Stats.F(submit[BareCmdlet] - submit[Bare], "0")} µs over the bare C# loop, "
                + $"of which the engine's floor for any cmdlet call is {Stats.F(get[Floor], "0")} µs.");
            Console.WriteLine($"New-SeedanceVideo without the journal (-NoJournal): {Stats.F(submit[Unjournaled], "0")} µs/call, {Stats.F(submit[Unjournaled] / submit[Bare], "0.00")}x the bare POST; "
                + $"so the journal's two lines per submit (the first forced to disk before the POST leaves) cost {Stats.F(submit[Module] - submit[Unjournaled], "0")} µs.");
            return new[]
            {
                Row(
                    "2. Get-SeedanceTask -Id, completed task (" + (perRound * rounds) + " calls)",
                    get,
                    "<= 1.3x bare, < script",
                    "; without the journal " + Stats.F(get[Unjournaled], "0") + " µs (" + Stats.F(get[Unjournaled] / get[Bare], "0.00") + "x bare)"),
                Row(
                    "3. New-SeedanceVideo (" + (perRound * rounds) + " calls)",
                    submit,
                    "<= 1.3x bare",
                    "; without the journal " + Stats.F(submit[Unjournaled], "0") + " µs (" + Stats.F(submit[Unjournaled] / submit[Bare], "0.00") + "x bare)"),
            };
        }

        private const int Floor = 0;
        private const int Module = 1;
        private const int Bare = 2;
        private const int Script = 3;
        private const int Unjournaled = 4;
        private const int BareCmdlet = 5;

        private static SummaryRow Row(string measure, double[] m, string target, string more) => new(
            measure,
            Stats.F(m[Module], "0") + " µs/call" + more,
            "bare HttpClient " + Stats.F(m[Bare], "0") + " µs; the same request from a minimal binary cmdlet " + Stats.F(m[BareCmdlet], "0")
                + " µs (" + Stats.F(m[Module] / m[BareCmdlet], "0.00") + "x of it); script, HttpClient per call " + Stats.F(m[Script], "0") + " µs ("
                + Stats.F(m[Module] / m[Script], "0.00") + "x of it); engine floor (one-cmdlet module's cmdlet) " + Stats.F(m[Floor], "0")
                + " µs, so the cmdlet minus that floor is " + Stats.F((m[Module] - m[Floor]) / m[Bare], "0.00") + "x bare",
            Stats.F(m[Module] / m[Bare], "0.00") + "x",
            target,
            m[Module] / m[Bare] <= 1.3 && (!target.Contains("script", StringComparison.Ordinal) || m[Module] < m[Script]));

        /// <summary>Median microseconds per call of each way over the rounds; the order rotates each round.</summary>
        private static double[] Measure(int rounds, int perRound, params Func<double>[] ways)
        {
            var results = ways.Select(_ => new List<double>()).ToArray();
            for (var warm = 0; warm < 2; warm++)
            {
                foreach (var way in ways)
                {
                    way();
                }
            }

            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < ways.Length; k++)
                {
                    var w = (round + k) % ways.Length;
                    results[w].Add(ways[w]() * 1000 / perRound);
                }
            }

            return results.Select(Stats.Median).ToArray();
        }

        private static double ModuleRound(HostedEngine engine, string script, Dictionary<string, object?> variables, int count, Uri url)
        {
            variables["Count"] = count;
            variables["Url"] = url;
            variables["Body"] = Body;
            return (double)engine.Run(script, variables).Single().BaseObject;
        }

        private static double BareRound(Func<Task<string>> call, int count)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                using var document = JsonDocument.Parse(call().GetAwaiter().GetResult());
            }

            return clock.Elapsed.TotalMilliseconds;
        }

        private static async Task<string> PostAsync(HttpClient http, Uri url)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, url);
            message.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            message.Content = new StringContent(Body, Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(message);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync();
        }

        private static async Task<string> CompletedTaskAsync(HttpClient http)
        {
            using var created = JsonDocument.Parse(await PostAsync(http, new Uri(http.BaseAddress!, SubmitPath)));
            var id = created.RootElement.GetProperty("id").GetString()!;
            while (true)
            {
                using var task = JsonDocument.Parse(await http.GetStringAsync(new Uri(http.BaseAddress!, "api/v1/tasks/" + id)));
                if (task.RootElement.GetProperty("status").GetString() == "completed")
                {
                    return id;
                }

                await Task.Delay(50);
            }
        }
    }
}
