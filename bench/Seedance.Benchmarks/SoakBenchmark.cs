using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Seedance.Sandbox;

namespace Seedance.Benchmarks
{
    /// <summary>
    /// The fault soak (not in CI), in the hosted engine, each part bounded by a deadline (a part that passes it is stopped
    /// as Ctrl+C would and reported as hung):
    /// 1. <c>New-SeedanceVideo | Wait-SeedanceTask | Save-SeedanceVideo</c> over the submissions, with the sandbox
    ///    injecting random faults at 5% of requests (<c>--fault-percent</c>): 503, 500 before and after create, dropped connections, slow answers,
    ///    cut and stalled downloads, redirects to another port, oversized answers; and a tight rate limit in both the
    ///    sandbox and the session.
    /// 2. Refused submissions: a mistyped key (401), a rule the client does not know (400), a 401 that echoes the key;
    ///    then the same prompts again with the key fixed.
    /// 3. Recovery as the README tells it: <c>Get-SeedanceTask -Unconfirmed | Resume-SeedanceTask</c>, then every task of
    ///    the journal waited on and saved, with no faults.
    /// 4. A 429 with a huge Retry-After on another account, and the call after it.
    /// Then it checks that every job was charged at most once, every charge reached the user and was saved with the right
    /// hash, a refused submission was never resent, nothing went to the other host, no stalled download outlived the
    /// attempt timeout, no key shows in any error, no 429 came from the rate limit, and the huge Retry-After froze nothing.
    /// </summary>
    internal static class SoakBenchmark
    {
        private const int RateLimit = 40;
        private const double RateWindowSeconds = 2;
        private const long VideoSize = 256 * 1024;
        private const int AttemptTimeoutSeconds = 10;
        private const int HugeRetryAfterSeconds = 100_000;
        private const string MistypedKey = "sk_test_mistyped_soak_key";
        private const string BlockedKey = "sk_test_soak_huge_retry_after";

        private static readonly SandboxFaultKind[] Kinds =
        {
            SandboxFaultKind.ServiceBusy503, SandboxFaultKind.InternalErrorBeforeCreate500, SandboxFaultKind.InternalErrorAfterCreate500,
            SandboxFaultKind.DropConnectionBeforeCreate, SandboxFaultKind.DropConnectionAfterCreate, SandboxFaultKind.Slow,
            SandboxFaultKind.CutDownload, SandboxFaultKind.StallDownload, SandboxFaultKind.Redirect307, SandboxFaultKind.Redirect302,
            SandboxFaultKind.OversizedBody,
        };

        private const string FaultedRun = """
            $Prompts | ForEach-Object { [pscustomobject]@{ Prompt = $_ } } |
                New-SeedanceVideo -ApiKey $Key -Confirm:$false -OutVariable submitted |
                Wait-SeedanceTask -ApiKey $Key |
                Save-SeedanceVideo -Path $Folder -ApiKey $Key -Confirm:$false
            """;

        private const string Recovery = """
            Get-SeedanceTask -Unconfirmed | Resume-SeedanceTask -ApiKey $Key -Confirm:$false -OutVariable recovered | Out-Null
            Get-SeedanceTask | Where-Object { $_.Id } |
                Wait-SeedanceTask -ApiKey $Key -OutVariable settled |
                Save-SeedanceVideo -Path $Folder -ApiKey $Key -Confirm:$false
            """;

        public static async Task<bool> RunAsync(int count, int faultPercent)
        {
            var faultRate = faultPercent / 100.0;
            var data = Directory.CreateTempSubdirectory("seedance-soak-data-").FullName;
            var folder = Directory.CreateTempSubdirectory("seedance-soak-").FullName;
            var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");

            // Whatever the module keeps per machine (journal, shared rate ledger) stays in this run's own folder.
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", data);
            try
            {
                await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions
                {
                    RateLimitRequests = RateLimit,
                    RateLimitWindow = TimeSpan.FromSeconds(RateWindowSeconds),
                    ProcessingTimeSelector = SandboxOptions.ProcessingTimeByPrompt(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)),
                    VideoSize = VideoSize,
                    InitialCredits = 1_000_000_000m,
                });
                sandbox.AddAccount(BlockedKey, 1_000_000m);
                using var engine = HostedEngine.WithModule(sandbox.BaseUri, $"-RateLimit {RateLimit} -RateLimitWindowSeconds {RateWindowSeconds} -AttemptTimeoutSeconds {AttemptTimeoutSeconds}");
                var soak = new Soak(sandbox, engine, folder, count, faultRate);
                Console.WriteLine($"Soak: {count} submissions, New-SeedanceVideo | Wait-SeedanceTask | Save-SeedanceVideo in the hosted engine; "
                    + $"random faults at {faultRate:P0} of requests (seed 2026: {string.Join(", ", Kinds)}), rate limit {RateLimit} / {RateWindowSeconds} s, "
                    + $"attempt timeout {AttemptTimeoutSeconds} s, render 1–5 s, {VideoSize / 1024} KiB videos; then {soak.RefusedPrompts.Count} refused submissions "
                    + $"resubmitted with the key fixed, recovery over the journal, and a 429 with Retry-After {HugeRetryAfterSeconds} on another account. Load {Stats.Load()}.");
                soak.Run();
                return soak.Check();
            }
            finally
            {
                Environment.SetEnvironmentVariable("XDG_DATA_HOME", dataHome);
                Directory.Delete(folder, recursive: true);
                Directory.Delete(data, recursive: true);
            }
        }

        private static SecureString Secure(string key) => new NetworkCredential(string.Empty, key).SecurePassword;

        /// <summary>One soak run: its parts in order, what each left, and the checks over all of it.</summary>
        private sealed class Soak
        {
            private readonly SandboxHost _sandbox;
            private readonly HostedEngine _engine;
            private readonly string _folder;
            private readonly double _faultRate;
            private readonly List<string> _prompts;
            private readonly List<string> _mistyped;
            private readonly List<string> _invalid;
            private readonly string _echoed = "soak refused echoed 01";
            private readonly List<ErrorRecord> _errors = new();
            private readonly List<string> _hung = new();
            private readonly List<string> _terminating = new();
            private readonly HashSet<string> _refusedKeys = new(StringComparer.Ordinal);
            private DeadlineRun? _faulted;
            private DeadlineRun? _firstBlocked;
            private DeadlineRun? _nextBlocked;
            private int _requestsAfterBlock;
            private int _rateLimitedBeforeBlock;

            public Soak(SandboxHost sandbox, HostedEngine engine, string folder, int count, double faultRate)
            {
                _sandbox = sandbox;
                _engine = engine;
                _folder = folder;
                _faultRate = faultRate;
                _prompts = Enumerable.Range(1, count).Select(i => $"soak clip number {i:0000}").ToList();
                var refused = Math.Clamp(count / 50, 2, 10);
                _mistyped = Enumerable.Range(1, refused).Select(i => $"soak refused mistyped {i:00}").ToList();
                _invalid = Enumerable.Range(1, refused).Select(i => $"soak refused invalid {i:00}").ToList();
            }

            public List<string> RefusedPrompts => _mistyped.Concat(_invalid).Append(_echoed).ToList();

            /// <summary>The deadline of a part: what the faulted part takes when nothing hangs, times two or more.</summary>
            private TimeSpan Long => TimeSpan.FromSeconds(Math.Max(30, _prompts.Count * 1.2));

            public void Run()
            {
                _sandbox.Faults.InjectRandomly(_faultRate, seed: 2026, TimeSpan.FromSeconds(1.5), afterBytes: 64 * 1024, Kinds);
                _faulted = Part("faults", FaultedRun, new() { ["Prompts"] = _prompts.ToArray() }, Long);
                _sandbox.Faults.InjectRandomly(0, seed: 0, TimeSpan.Zero, afterBytes: 0);

                var before = _sandbox.RequestLog.Count;
                Part("mistyped key", "$Prompts | New-SeedanceVideo -ApiKey $Bad -Confirm:$false", new() { ["Prompts"] = _mistyped.ToArray(), ["Bad"] = Secure(MistypedKey) }, Long);
                _sandbox.Faults.Enqueue(SandboxFaultKind.InvalidRequest400, count: _invalid.Count);
                Part("unknown rule", "$Prompts | New-SeedanceVideo -ApiKey $Key -Confirm:$false", new() { ["Prompts"] = _invalid.ToArray() }, Long);
                _sandbox.Faults.Enqueue(SandboxFaultKind.UnauthorizedEchoingKey401);
                Part("echoed key", "$Prompts | New-SeedanceVideo -ApiKey $Key -Confirm:$false", new() { ["Prompts"] = new[] { _echoed } }, Long);
                foreach (var entry in _sandbox.RequestLog.Skip(before).Where(r => r.Status is 400 or 401 && r.IdempotencyKey is not null))
                {
                    _refusedKeys.Add(entry.IdempotencyKey!);
                }

                Part("key fixed", "$Prompts | New-SeedanceVideo -ApiKey $Key -Confirm:$false", new() { ["Prompts"] = RefusedPrompts.ToArray() }, Long);
                Part("recovery", Recovery, new(), Long);
                _rateLimitedBeforeBlock = _sandbox.RequestLog.Count(r => r.Status == 429);

                _sandbox.Faults.Enqueue(SandboxFaultKind.RateLimited429, retryAfterSeconds: HugeRetryAfterSeconds);
                var blocked = new Dictionary<string, object?> { ["Blocked"] = Secure(BlockedKey) };
                _firstBlocked = Part("huge Retry-After", "New-SeedanceVideo -Prompt 'soak huge retry-after 1' -ApiKey $Blocked -Confirm:$false", blocked, TimeSpan.FromSeconds(20));
                var logged = _sandbox.RequestLog.Count;
                _nextBlocked = Part("call after it", "New-SeedanceVideo -Prompt 'soak huge retry-after 2' -ApiKey $Blocked -Confirm:$false", blocked, TimeSpan.FromSeconds(20));
                _requestsAfterBlock = _sandbox.RequestLog.Count - logged;
            }

            /// <summary>Runs one part with its deadline and the session's key; keeps its errors and how it ended.</summary>
            private DeadlineRun Part(string name, string script, Dictionary<string, object?> variables, TimeSpan deadline)
            {
                variables["Key"] = Secure(_sandbox.Options.ApiKey);
                variables["Folder"] = _folder;
                var run = _engine.RunWithDeadline(script, variables, deadline);
                _errors.AddRange(run.Errors);
                if (run.Stopped)
                {
                    _hung.Add($"{name} (stopped after {run.Elapsed.TotalSeconds:0} s)");
                }

                if (run.Terminating is not null)
                {
                    _terminating.Add($"{name}: {run.Terminating.GetType().Name}: {run.Terminating.Message}");
                }

                return run;
            }

            public bool Check()
            {
                var submitted = Tasks("submitted");
                var recovered = Tasks("recovered");
                var settled = Tasks("settled");
                var known = submitted.Concat(recovered).Concat(settled).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
                var charges = _sandbox.Account(_sandbox.Options.ApiKey).Charges;
                var chargesPerPrompt = charges.GroupBy(c => c.Prompt, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                int Charged(string prompt) => chargesPerPrompt.TryGetValue(prompt, out var n) ? n : 0;
                var doubleCharged = chargesPerPrompt.Count(p => p.Value > 1);
                var orphans = charges.Count(c => !known.Contains(c.TaskId));
                var unaccounted = _prompts.Count(p => Charged(p) == 0 && !_errors.Any(e => Describe(e).Contains(p, StringComparison.Ordinal)));
                var uncharged = _prompts.Count(p => Charged(p) == 0);
                var (missing, badHashes) = Saved(charges);
                var log = _sandbox.RequestLog;
                var stalls = log.Where(r => r.Fault == SandboxFaultKind.StallDownload).ToList();
                var stallsOutlived = stalls.Count(r => !r.HungUp || r.Duration > TimeSpan.FromSeconds(AttemptTimeoutSeconds + 10));
                var refusedResent = log.Count(r => r.Status == 202 && r.IdempotencyKey is not null && _refusedKeys.Contains(r.IdempotencyKey));
                var refusedChargedOnce = RefusedPrompts.Count(p => Charged(p) == 1);
                var elsewhereTasks = submitted.Concat(recovered).Concat(settled).Count(t => t.Id.StartsWith("sd2_elsewhere", StringComparison.Ordinal));
                var keysShown = _errors.Count(e => new[] { _sandbox.Options.ApiKey, MistypedKey, BlockedKey }.Any(k => Describe(e).Contains(k, StringComparison.Ordinal)));
                var injected = _sandbox.Faults.RandomlyInjected;
                var api = log.Count(r => r.Path.StartsWith("/api/", StringComparison.Ordinal));
                var blockedOk = Blocked(_firstBlocked) && Blocked(_nextBlocked) && _requestsAfterBlock == 0;

                var checks = new List<(string Name, string Value, bool Pass)>
                {
                    ("parts stopped at their deadline (hung)", _hung.Count == 0 ? "none" : string.Join("; ", _hung), _hung.Count == 0),
                    ("terminating errors", _terminating.Count == 0 ? "none" : string.Join("; ", _terminating), _terminating.Count == 0),
                    ("jobs charged more than once (all parts)", doubleCharged.ToString(Inv), doubleCharged == 0),
                    ("charges for tasks nobody got, after recovery", $"{orphans} of {charges.Count}", orphans == 0),
                    ("faulted submissions unaccounted for (no charge, no error)", $"{unaccounted} of {_prompts.Count}", unaccounted == 0),
                    ("charged tasks saved with the right SHA-256, after recovery", $"{charges.Count - missing - badHashes} of {charges.Count}", missing + badHashes == 0),
                    ("refused submissions resent and charged", $"{refusedResent} of {_refusedKeys.Count}", refusedResent == 0),
                    ("refused jobs charged once after the key was fixed", $"{refusedChargedOnce} of {RefusedPrompts.Count}", refusedChargedOnce == RefusedPrompts.Count),
                    ("requests that reached the other host / tasks accepted from it", $"{_sandbox.ElsewhereLog.Count} / {elsewhereTasks}", _sandbox.ElsewhereLog.Count == 0 && elsewhereTasks == 0),
                    ($"stalled downloads not given up within the attempt timeout ({AttemptTimeoutSeconds} s) + 10 s", $"{stallsOutlived} of {stalls.Count}", stallsOutlived == 0),
                    ("error records that show a key", keysShown.ToString(Inv), keysShown == 0),
                    ("429 from the rate limit (before the forced one)", _rateLimitedBeforeBlock.ToString(Inv), _rateLimitedBeforeBlock == 0),
                    ($"429 with Retry-After {HugeRetryAfterSeconds}: that call / the next one (errors, seconds); requests the next one sent",
                        $"{Ended(_firstBlocked)} / {Ended(_nextBlocked)}; {_requestsAfterBlock}", blockedOk),
                };
                var pass = checks.All(c => c.Pass);

                Console.WriteLine();
                Console.WriteLine("| check | result | ok |");
                Console.WriteLine("|---|---:|---|");
                Console.WriteLine($"| faulted part: wall time | {Stats.F(_faulted!.Elapsed.TotalSeconds, "0")} s | |");
                Console.WriteLine($"| submissions / tasks returned by New-SeedanceVideo | {_prompts.Count} / {submitted.Count(t => t.Prompt is not null && t.Prompt.StartsWith("soak clip", StringComparison.Ordinal))} | |");
                Console.WriteLine($"| faulted submissions with no charge (each has an error) | {uncharged} | |");
                Console.WriteLine($"| tasks recovered by Resume-SeedanceTask / settled from the journal | {recovered.Count} / {settled.Count} | |");
                Console.WriteLine($"| error records, by id | {_errors.Count}: {string.Join(", ", _errors.GroupBy(e => e.FullyQualifiedErrorId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))} | |");
                Console.WriteLine($"| API requests (per submission) | {api} ({Stats.F(api / (double)(_prompts.Count + RefusedPrompts.Count), "0.00")}) | |");
                Console.WriteLine($"| downloads (incl. resumed ranges) | {log.Count(r => r.Path.StartsWith("/results/", StringComparison.Ordinal))} | |");
                Console.WriteLine($"| faults injected at random | {injected.Values.Sum()}: {string.Join(", ", injected.OrderBy(p => p.Key.ToString()).Select(p => p.Key + " " + p.Value))} | |");
                foreach (var (name, value, ok) in checks)
                {
                    Console.WriteLine($"| {name} | {value} | {(ok ? "yes" : "**no**")} |");
                }

                Console.WriteLine($"| **soak** | **{(pass ? "passed" : "FAILED")}** | |");
                return pass;
            }

            private static readonly IFormatProvider Inv = System.Globalization.CultureInfo.InvariantCulture;

            private static bool Blocked(DeadlineRun? run) =>
                run is { Stopped: false, Terminating: null } && run.Elapsed < TimeSpan.FromSeconds(5)
                && run.Errors.Count == 1 && run.Errors[0].CategoryInfo.Category == ErrorCategory.LimitsExceeded;

            private static string Ended(DeadlineRun? run) => run is null
                ? "not run"
                : run.Stopped ? $"hung, stopped at {Stats.F(run.Elapsed.TotalSeconds, "0")} s"
                : $"{string.Join(" ", run.Errors.Select(e => e.FullyQualifiedErrorId))} {Stats.F(run.Elapsed.TotalSeconds, "0.0")} s";

            private (int Missing, int BadHashes) Saved(IReadOnlyList<SandboxCharge> charges)
            {
                var missing = 0;
                var bad = 0;
                foreach (var charge in charges)
                {
                    var file = Path.Combine(_folder, charge.TaskId + ".mp4");
                    if (!File.Exists(file))
                    {
                        missing++;
                    }
                    else if (!SHA256.HashData(File.ReadAllBytes(file)).AsSpan().SequenceEqual(SHA256.HashData(_sandbox.ResultBytes(charge.TaskId))))
                    {
                        bad++;
                    }
                }

                return (missing, bad);
            }

            /// <summary>
            /// The tasks a pipeline variable holds, read by property: the module's SeedanceTask lives in its own load
            /// context, a different type from the Seedance.Client this benchmark references.
            /// </summary>
            private List<SoakTask> Tasks(string variable) =>
                _engine.Run("$" + variable).Where(o => o is not null && o.TypeNames.Contains("Seedance.SeedanceTask")).Select(SoakTask.From).ToList();

            private static string Describe(ErrorRecord error) =>
                string.Join(
                    " ",
                    error.TargetObject is null ? string.Empty : PSObject.AsPSObject(error.TargetObject).Properties["Prompt"]?.Value?.ToString() ?? string.Empty,
                    error.ToString(),
                    error.ErrorDetails?.Message,
                    error.Exception?.ToString(),
                    error.TargetObject?.ToString());
        }

        private sealed record SoakTask(string Id, string? Prompt, string? Status)
        {
            public static SoakTask From(PSObject task) => new(
                (string)task.Properties["Id"].Value,
                task.Properties["Prompt"].Value as string,
                task.Properties["Status"].Value as string);
        }
    }
}
