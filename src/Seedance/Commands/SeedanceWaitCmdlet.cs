using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Seedance.Results;

namespace Seedance.Commands
{
    /// <summary>A cmdlet that waits for tasks (and may save their videos): -Timeout and the one wait of the module.</summary>
    public abstract class SeedanceWaitCmdlet : SeedanceApiCmdlet
    {
        /// <summary>Seconds to wait for the tasks, as Wait-Job: default 1800, -1 waits for ever.</summary>
        [Parameter]
        [ValidateRange(-1, int.MaxValue)]
        public int Timeout { get; set; } = 1800;

        /// <summary>
        /// Waits for <paramref name="tasks"/> in one polling loop and emits each as it completes, or with
        /// <paramref name="save"/> saves it and emits its files; a failed or timed-out task is its own error. On Ctrl+C
        /// or a timeout, a warning names the tasks still pending and the command that picks them up again.
        /// </summary>
        private protected void WaitFor(IReadOnlyList<SeedanceTask> tasks, SaveTarget? save)
        {
            if (tasks.Count == 0)
            {
                return;
            }

            var results = new WaitAndSave(this, Post, Client);
            try
            {
                Run(token => results.WaitAsync(tasks, Timeout < 0 ? null : TimeSpan.FromSeconds(Timeout), save, token));
            }
            catch when (Stopping && results.Unsettled.Count > 0)
            {
                WarnOnHost(PickUpAgain($"Stopped waiting for {Count(results.Unsettled)}", results.Unsettled, save));
                throw;
            }
            finally
            {
                ResultProgress.ClearWaiting(this);
            }

            if (results.Unsettled.Count > 0)
            {
                WriteWarning(PickUpAgain($"{Count(results.Unsettled)} did not finish within {Timeout} s", results.Unsettled, save));
            }
        }

        private static string Count(IReadOnlyList<SeedanceTask> tasks) => tasks.Count == 1 ? "1 task" : $"{tasks.Count} tasks";

        private static string PickUpAgain(string what, IReadOnlyList<SeedanceTask> pending, SaveTarget? save)
        {
            var ids = string.Join(", ", pending.Select(task => Quoted(task.Id)));
            var saving = save is null ? string.Empty : " | Save-SeedanceVideo -Path " + Quoted(save.Path);
            return $"{what}; they go on rendering at the API. Pick them up again with: Get-SeedanceTask -Id {ids} | Wait-SeedanceTask{saving}";
        }

        private static string Quoted(string text) => "'" + text.Replace("'", "''") + "'";
    }
}
