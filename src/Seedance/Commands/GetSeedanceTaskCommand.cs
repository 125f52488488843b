using System;
using System.Management.Automation;

namespace Seedance.Commands
{
    /// <summary>Gets tasks' current state from the API by id.</summary>
    [Cmdlet(VerbsCommon.Get, "SeedanceTask", DefaultParameterSetName = IdParameterSet)]
    [OutputType(typeof(SeedanceTask))]
    public sealed class GetSeedanceTaskCommand : SeedanceApiCmdlet
    {
        private const string IdParameterSet = "Id";

        /// <summary>The task ids (for example sd2_xxxxx); tasks from New-SeedanceVideo bind by their Id property.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdParameterSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("task_id", "TaskId")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
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
    }
}
