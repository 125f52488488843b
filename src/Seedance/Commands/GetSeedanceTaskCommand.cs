using System;
using System.Linq;
using System.Management.Automation;
using Seedance.Errors;
using Seedance.Journal;
using Seedance.Session;

namespace Seedance.Commands
{
    /// <summary>Gets tasks' current state from the API by id; without -Id, lists the tasks this machine submitted, from the local journal.</summary>
    [Cmdlet(VerbsCommon.Get, "SeedanceTask", DefaultParameterSetName = JournalParameterSet)]
    [OutputType(typeof(SeedanceTask))]
    public sealed class GetSeedanceTaskCommand : SeedanceApiCmdlet
    {
        private const string IdParameterSet = "Id";
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
        protected override void EndProcessing()
        {
            if (ParameterSetName == JournalParameterSet)
            {
                WriteJournalTasks();
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == JournalParameterSet)
            {
                return;
            }

            foreach (var id in Id)
            {
                if (!WriteTask(id))
                {
                    return;
                }
            }
        }

        /// <summary>Writes one task, or its failure as a non-terminating error; false once the pipeline is stopping.</summary>
        private bool WriteTask(string id)
        {
            try
            {
                WriteObject(Run(token => Client.GetTaskAsync(id, token)));
            }
            catch (SeedanceException e)
            {
                WriteSeedanceError(e, id);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                return false;
            }

            return true;
        }
    
        /// <summary>Lists the journal's tasks; with -Refresh, first brings the unfinished ones among them up to date.</summary>
        private void WriteJournalTasks()
        {
            var journal = OpenJournal();

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
                    if (!RefreshTask(entry.TaskId!))
                    {
                        return;
                    }
                }

                snapshot = journal.Read();
            }

            foreach (var entry in query.Apply(snapshot.Entries))
            {
                WriteObject(entry.ToTask());
            }
        }

        /// <summary>Asks the API for one task (the client records the answer in the journal); false once the pipeline is stopping.</summary>
        private bool RefreshTask(string id)
        {
            try
            {
                Run(token => Client.GetTaskAsync(id, token));
            }
            catch (SeedanceException e)
            {
                WriteSeedanceError(e, id);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                return false;
            }

            return true;
        }
    }
}
