namespace Seedance.Benchmarks
{
    /// <summary>One line of the summary table: what was measured, against what, the ratio and whether its target is met.</summary>
    internal sealed record SummaryRow(string Measure, string Seedance, string Baseline, string Ratio, string Target, bool? Met)
    {
        public string ToMarkdown() => $"| {Measure} | {Seedance} | {Baseline} | {Ratio} | {Target} | {(Met is null ? "—" : Met.Value ? "yes" : "**no**")} |";
    }
}
