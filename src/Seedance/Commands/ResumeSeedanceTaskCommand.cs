using Seedance.Errors;
using Seedance.Client.Journal;
using Seedance.Session;
using Seedance.Client;

namespace Seedance.Commands
{
    /// <summary>
    /// Recovers submissions whose response never arrived (a crash, a kill, a network cut after the POST left): it resends
    /// each one's idempotency key and exact body, and the API answers with the original task, charging nothing new.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Resume, "SeedanceTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SeedanceTask))]
    public sealed class ResumeSeedanceTaskCommand : SeedanceApiCmdlet
    {
        private readonly List<string> _keys = new();

        /// <summary>The submissions to recover; all unconfirmed ones when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? IdempotencyKey { get; set; }

        /// <summary>
        /// Also resend submissions older than a day, which the API may have forgotten (a forgotten key makes a new, paid
        /// task), and submissions made on another base URI than the configured one (to that base URI, with this key).
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override void OnProcess()
        {
            if (IdempotencyKey is not null)
            {
                _keys.AddRange(IdempotencyKey.Where(key => !string.IsNullOrEmpty(key)));
            }
        }

        /// <inheritdoc />
        protected override void OnEnd()
        {
            var journal = RequireJournal();

            var snapshot = ReadJournal(journal);

            var byKey = snapshot.Entries.ToDictionary(entry => entry.IdempotencyKey, StringComparer.Ordinal);
            foreach (var key in _keys.Distinct(StringComparer.Ordinal))
            {
                if (!byKey.TryGetValue(key, out var entry))
                {
                    WriteError(ErrorRecords.From(new SeedanceException(SeedanceErrorCodes.NotFound, $"The journal '{journal.Path}' has no submission with idempotency key '{key}'.", System.Net.HttpStatusCode.NotFound, idempotencyKey: key), key));
                }
                else if (entry.IsRefused)
                {
                    WriteWarning($"Submission {key} is not resent: the API refused it ({entry.ToTask().Error?.Code}), so it created no task and charged nothing. Fix the cause and submit it again with New-SeedanceVideo.");
                }
                else if (entry.IsConfirmed)
                {
                    WriteVerbose($"Submission {key} is already confirmed as task {entry.TaskId}; nothing to recover.");
                    WriteObject(entry.ToTask());
                }
            }

            var now = DateTimeOffset.UtcNow;
            foreach (var entry in TaskRecovery.Candidates(snapshot.Entries, _keys.Count > 0 ? _keys : null))
            {
                Attempt(entry.IdempotencyKey, () => Resume(entry, now));
            }
        }

        private void Resume(JournalEntry entry, DateTimeOffset now)
        {
            var target = $"submission {entry.IdempotencyKey} of {entry.SubmittedAt.ToLocalTime():g} ('{entry.ToTask().Prompt}')";
            if (!TaskRecovery.IsWithinKeyRetention(entry, now) && !Force)
            {
                WriteWarning($"Skipped {target}: it is older than {TaskRecovery.AssumedKeyRetention.TotalHours:0} hours and the API may have forgotten its key, in which case resending it creates and charges a new task. Use -Force to resend it anyway.");
                return;
            }

            var configured = Configuration.BaseUri;
            if (entry.BaseUri is { } madeOn && !SeedanceClientOptions.SameEndpoint(madeOn, configured) && !Force)
            {
                WriteWarning($"Skipped {target}: it was made on {madeOn}, not on the configured {SeedanceClientOptions.EndpointOf(configured)}, and resending it there would send this session's key to another API. Recover it with Set-SeedanceConfiguration -BaseUri {madeOn}, or use -Force to resend it to {madeOn} anyway.");
                return;
            }

            if (!ShouldProcess(target, "Resend the same idempotency key and body (the API replays the original task; it charges only if it never received the first request)"))
            {
                return;
            }

            // The configured base URI (with any user info it needs) when the entry was made there, else the entry's own.
            var client = ClientFor(entry.BaseUri is { } own && !SeedanceClientOptions.SameEndpoint(own, configured) ? own : configured);
            var body = entry.GetBody()!;
            WriteObject(Run(token => client.SubmitAsync(entry.IdempotencyKey, body, token)));
        }
    }
}
