using System.Text;
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

            var results = Results;
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

        /// <summary>
        /// The warning: what stopped, then the command that picks the tasks up again, on lines that fit an 80-column
        /// console (79 columns; the console would cut an id in two) and that run as pasted (a line ends after a comma or
        /// a pipe).
        /// </summary>
        private static string PickUpAgain(string what, IReadOnlyList<SeedanceTask> pending, SaveTarget? save)
        {
            const int width = 79;
            const string indent = "    ";
            var lines = new List<string> { what + "; they go on rendering at the API.", "Pick them up again with:" };
            var line = new StringBuilder("Get-SeedanceTask -Id");
            for (var i = 0; i < pending.Count; i++)
            {
                var id = Quoted(pending[i].Id) + (i < pending.Count - 1 ? "," : string.Empty);
                if (i > 0 && line.Length + 1 + id.Length > width - 2)
                {
                    lines.Add(line.ToString());
                    line.Clear().Append(indent).Append(id);
                }
                else
                {
                    line.Append(' ').Append(id);
                }
            }

            var commands = save is null ? new[] { "Wait-SeedanceTask" } : new[] { "Wait-SeedanceTask", "Save-SeedanceVideo -Path " + Quoted(save.Path) };
            foreach (var command in commands)
            {
                if (line.Length + 3 + command.Length > width)
                {
                    lines.Add(line.Append(" |").ToString());
                    line.Clear().Append(indent).Append(command);
                }
                else
                {
                    line.Append(" | ").Append(command);
                }
            }

            lines.Add(line.ToString());
            return string.Join(Environment.NewLine, lines);
        }

        private static string Quoted(string text) => "'" + text.Replace("'", "''") + "'";
    }
}
