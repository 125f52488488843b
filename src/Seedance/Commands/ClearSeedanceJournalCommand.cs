using Seedance.Journal;

namespace Seedance.Commands
{
    /// <summary>
    /// Keeps the journal small: removes finished tasks (completed or failed) with no news for a number of days. Unconfirmed
    /// and unfinished submissions always stay, since they may be paid tasks still to recover or wait for.
    /// </summary>
    [Cmdlet(VerbsCommon.Clear, "SeedanceJournal", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SeedanceTask))]
    public sealed class ClearSeedanceJournalCommand : SeedanceCmdlet
    {
        /// <summary>Remove finished tasks whose last news is older than this many days (0: every finished task).</summary>
        [Parameter(Position = 0)]
        [ValidateRange(0, 36500)]
        public int OlderThanDays { get; set; } = 30;

        /// <summary>Emit the removed tasks.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void OnEnd()
        {
            var journal = RequireJournal();

            var before = DateTimeOffset.UtcNow.AddDays(-OlderThanDays);
            if (!ShouldProcess(journal.Path, $"Remove finished tasks with no news since {before.ToLocalTime():g}"))
            {
                return;
            }

            var removed = journal.Prune(before);
            WriteVerbose($"Removed {removed.Count} finished task(s) from {journal.Path}.");
            if (PassThru)
            {
                foreach (var entry in removed)
                {
                    WriteObject(entry.ToTask());
                }
            }
        }
    }
}
