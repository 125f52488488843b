using Seedance.Results;

namespace Seedance.Commands
{
    /// <summary>
    /// Downloads a completed task's video (and with -IncludeLastFrame its last frame) to a folder or a file and emits
    /// the files. Streams to disk, never leaves a truncated file under the final name, and skips an existing file unless
    /// -Force.
    /// </summary>
    [Cmdlet(VerbsData.Save, "SeedanceVideo", DefaultParameterSetName = TaskParameterSet, SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveSeedanceVideoCommand : SeedanceApiCmdlet
    {
        /// <summary>A completed task, as Wait-SeedanceTask emits it.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TaskParameterSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SeedanceTask? InputObject { get; set; }

        /// <summary>The id of a completed task; it is read from the API first.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("task_id", "TaskId")]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; } = string.Empty;

        /// <summary>A folder (files named &lt;taskId&gt;.mp4 and .png) or a file name; the current folder when not given.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = ".";

        /// <summary>Also save the last frame (.png).</summary>
        [Parameter]
        public SwitchParameter IncludeLastFrame { get; set; }

        /// <summary>Download again even when the file is already there.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override void OnProcess()
        {
            var what = InputObject?.Id ?? Id;
            Attempt(what, () => Save(what));
        }

        private void Save(string what)
        {
            var target = SaveTarget.Resolve(this, Path, nameof(Path), alwaysFolder: false, IncludeLastFrame, Force);
            if (!ShouldProcess($"Save the video of task {what} to {target.Path}", "Save-SeedanceVideo"))
            {
                return;
            }

            target.Prepare();
            var results = Results;
            if (InputObject is { } task)
            {
                Run(token => results.SaveAsync(task, target, token));
            }
            else
            {
                Run(async token => await results.SaveAsync(await Client.GetTaskAsync(Id, token).ConfigureAwait(false), target, token).ConfigureAwait(false));
            }
        }
    }
}
