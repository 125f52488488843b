using System;
using System.Collections.Generic;
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
        /// <paramref name="save"/> saves it and emits its files; a failed or timed-out task is its own error.
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
            finally
            {
                ResultProgress.ClearWaiting(this);
            }
        }
    }
}
