namespace Seedance.Commands
{
    /// <summary>
    /// Waits for tasks from the pipeline, all in one polling loop within the account's rate limit, and emits each one as
    /// soon as it completes. A failed task is a non-terminating <c>Seedance.TaskFailed</c> error; a task still rendering
    /// at -Timeout is a <c>Seedance.WaitTimeout</c> (OperationTimeout) error. Ctrl+C stops waiting; the tasks go on.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "SeedanceTask", DefaultParameterSetName = TaskParameterSet)]
    [OutputType(typeof(SeedanceTask))]
    public sealed class WaitSeedanceTaskCommand : SeedanceWaitCmdlet
    {
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

        /// <inheritdoc />
        protected override void OnProcess()
        {
            var tasks = ParameterSetName == IdParameterSet ? Array.ConvertAll(Id, SeedanceTask.WithId) : InputObject;
            foreach (var task in tasks)
            {
                if (_ids.Add(task.Id))
                {
                    _tasks.Add(task);
                }
            }
        }

        /// <inheritdoc />
        protected override void OnEnd() => WaitFor(_tasks, null);
    }
}
