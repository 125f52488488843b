using Seedance.Requests;

namespace Seedance.Binding
{
    /// <summary>
    /// One object piped into New-SeedanceVideo (a CSV row, a JSON object, a prompt) and its position in the pipeline.
    /// While PowerShell binds a row's cells, a cell that breaks a rule does not fail the binding: a value is let through
    /// for the request's validation to refuse, and a cell that cannot even be converted is recorded here. The cmdlet
    /// then reports the row's problems as that row's own error, naming its position and the start of its prompt.
    /// Arguments typed on the command line are refused at binding, as usual.
    /// </summary>
    internal sealed class PipelineRow
    {
        private const int PromptShown = 35;

        // The row being bound on this thread. PowerShell binds a piped object on the pipeline thread: first to the
        // parameters that take the whole object (the cmdlet's InputObject sets this), then cell by cell.
        [ThreadStatic]
        private static PipelineRow? s_binding;

        private readonly List<RequestProblem> _problems = new();

        private PipelineRow(object value, int position)
        {
            Value = value;
            Position = position;
        }

        /// <summary>The piped object.</summary>
        public object Value { get; }

        /// <summary>1 for the first object piped in.</summary>
        public int Position { get; }

        /// <summary>Cells that could not be converted.</summary>
        public IReadOnlyList<RequestProblem> Problems => _problems;

        /// <summary>True while a row's cells are being bound on this thread.</summary>
        public static bool IsBinding => s_binding is not null;

        /// <summary>The binder offers the next piped object (or, between objects, null): the row whose cells follow.</summary>
        public static PipelineRow? Start(object? value, ref int count)
        {
            s_binding = value is null ? null : new PipelineRow(value, ++count);
            return s_binding;
        }

        /// <summary>The row's cells are bound.</summary>
        public static void End() => s_binding = null;

        /// <summary>Records a cell that cannot be converted; false when no row is being bound (the argument is then refused).</summary>
        public static bool Defer(string field, string message)
        {
            if (s_binding is not { } row)
            {
                return false;
            }

            // The binder may offer one cell more than once (without, then with, type conversion): record it once.
            if (!row._problems.Exists(problem => problem.Field == field && problem.Message == message))
            {
                row._problems.Add(new RequestProblem(field, message));
            }

            return true;
        }

        /// <summary>How errors name the row: <c>Row 2 ('A red fox trots through fresh...')</c>.</summary>
        public string Describe(string? prompt) => string.IsNullOrWhiteSpace(prompt)
            ? $"Row {Position} (no prompt)"
            : $"Row {Position} ('{(prompt!.Length > PromptShown ? prompt.Substring(0, PromptShown) + "..." : prompt)}')";
    }
}
