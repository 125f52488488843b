using System;
using System.Collections.Generic;
using System.Management.Automation;
using Seedance.Results;

namespace Seedance.Commands
{
    /// <summary>
    /// Waits for tasks from the pipeline, all in one polling loop within the account's rate limit, and emits each one as
    /// soon as it completes. A failed task is a non-terminating <c>Seedance.TaskFailed</c> error; a task still rendering
    /// at -Timeout is a <c>Seedance.WaitTimeout</c> (OperationTimeout) error. Ctrl+C stops waiting; the tasks go on.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "SeedanceTask", DefaultParameterSetName = TaskParameterSet)]
    [OutputType(typeof(SeedanceTask))]
    public sealed class WaitSeedanceTaskCommand : SeedanceApiCmdlet
    {
        private const string TaskParameterSet = "Task";
        private const string IdParameterSet = "Id";
        private readonly List<SeedanceTask> _tasks = new();
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

        /// <summary>Tasks, as New-SeedanceVideo or Get-SeedanceTask emit them.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TaskParameterSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SeedanceTask[] InputObject { get; set; } = Array.Empty<SeedanceTask>();

        /// <summary>Task ids (for example sd2_xxxxx); objects with an Id or task_id property bind here too.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdParameterSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("task_id", "TaskId")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Seconds to wait, as Wait-Job: default 1800, -1 waits for ever.</summary>
        [Parameter]
        [ValidateRange(-1, int.MaxValue)]
        public int Timeout { get; set; } = 1800;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdParameterSet)
            {
                foreach (var id in Id)
                {
                    Collect(new SeedanceTask { Id = id });
                }
            }
            else
            {
                foreach (var task in InputObject)
                {
                    Collect(task);
                }
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (_tasks.Count == 0)
            {
                return;
            }

            var pipeline = new ResultPipeline(this, Post, Client);
            try
            {
                Run(token => pipeline.WaitAsync(_tasks, Timeout < 0 ? null : TimeSpan.FromSeconds(Timeout), null, token));
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                ResultProgress.ClearWaiting(this);
            }
        }

        private void Collect(SeedanceTask task)
        {
            if (_ids.Add(task.Id))
            {
                _tasks.Add(task);
            }
        }
    }
}
