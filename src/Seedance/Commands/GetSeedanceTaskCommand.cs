using Seedance.Client.Journal;

namespace Seedance.Commands
{
    /// <summary>Gets tasks' current state from the API by id; without -Id, lists the tasks this machine submitted, from the local journal.</summary>
    [Cmdlet(VerbsCommon.Get, "SeedanceTask", DefaultParameterSetName = JournalParameterSet)]
    [OutputType(typeof(SeedanceTask))]
    public sealed class GetSeedanceTaskCommand : SeedanceApiCmdlet
    {
        private const string JournalParameterSet = "Journal";

        /// <summary>The task ids (for example sd2_xxxxx); tasks from New-SeedanceVideo bind by their Id property.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdParameterSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("task_id", "TaskId")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Only tasks in these states: processing, completed, failed, or unconfirmed (the submit's response never arrived).</summary>
        [Parameter(ParameterSetName = JournalParameterSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Status { get; set; }

        /// <summary>Only tasks submitted at or after this time.</summary>
        [Parameter(ParameterSetName = JournalParameterSet)]
        public DateTime? Since { get; set; }

        /// <summary>At most this many tasks, newest first.</summary>
        [Parameter(ParameterSetName = JournalParameterSet)]
        [ValidateRange(1, int.MaxValue)]
        public int? First { get; set; }

        /// <summary>Only submissions whose response never arrived (recover them with Resume-SeedanceTask).</summary>
        [Parameter(ParameterSetName = JournalParameterSet)]
        public SwitchParameter Unconfirmed { get; set; }

        /// <summary>Ask the API for the current state of the listed tasks that are not finished yet (within the shared rate budget).</summary>
        [Parameter(ParameterSetName = JournalParameterSet)]
        public SwitchParameter Refresh { get; set; }

        /// <inheritdoc />
        protected override void OnProcess()
        {
            if (ParameterSetName == IdParameterSet)
            {
                foreach (var id in Id)
                {
                    Attempt(id, () => WriteObject(Read(id)));
                }
            }
        }

        /// <inheritdoc />
        protected override void OnEnd()
        {
            if (ParameterSetName == JournalParameterSet)
            {
                WriteJournalTasks();
            }
        }

        /// <summary>The task's current state from the API (the client records it in the journal).</summary>
        private SeedanceTask Read(string id) => Run(token => Client.GetTaskAsync(id, token));

        /// <summary>Lists the journal's tasks; with -Refresh, first brings the unfinished ones among them up to date.</summary>
        private void WriteJournalTasks()
        {
            var journal = RequireJournal();

            var query = new JournalQuery
            {
                Statuses = Status,
                Since = Since is { } since ? new DateTimeOffset(since) : null,
                UnconfirmedOnly = Unconfirmed,
                First = First,
            };
            var snapshot = ReadJournal(journal);

            if (Refresh)
            {
                // A status filter can only be judged after the refresh: refresh every unfinished candidate then, else only those listed.
                var candidates = Status is null ? query.Apply(snapshot.Entries) : new JournalQuery { Since = query.Since, UnconfirmedOnly = Unconfirmed }.Apply(snapshot.Entries);
                foreach (var entry in candidates.Where(entry => entry.IsConfirmed && !entry.IsFinished))
                {
                    Attempt(entry.TaskId, () => Read(entry.TaskId!));
                }

                snapshot = journal.Read();
            }

            foreach (var entry in query.Apply(snapshot.Entries))
            {
                WriteObject(entry.ToTask());
            }
        }
    }
}
