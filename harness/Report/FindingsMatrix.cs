using Reproduce.Harness.Findings;
using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Report;

/// <summary>
/// The report's first table: findings (rows, the paper's order, with the paper's figure) by experiment (columns, the paper's
/// order; skipped experiments are left out and named in one line), each cell a verdict that links to its numbers.
/// </summary>
public static class FindingsMatrix
{
    /// <summary>The columns: every experiment with a stored solution, in the paper's order (skipped and not yet run ones are named in one line each).</summary>
    public static IReadOnlyList<MatrixColumn> Columns(RunReport report) =>
        ExperimentOrder.Sort(report.Experiments.Where(e => e.Skipped is null && e.Solutions.Count > 0), e => e.Spec)
            .Select(e => new MatrixColumn(e, ExperimentOrder.Group(e.Spec), ExperimentOrder.Short(e.Spec), e.Spec.Findings.SizeLabel)).ToList();

    /// <summary>Consecutive columns of one group, for the group header: (group, how many columns).</summary>
    public static IReadOnlyList<(string Group, int Span)> Groups(IReadOnlyList<MatrixColumn> columns)
    {
        var groups = new List<(string Group, int Span)>();
        foreach (var c in columns)
            if (groups.Count > 0 && groups[^1].Group == c.Group) groups[^1] = (c.Group, groups[^1].Span + 1);
            else groups.Add((c.Group, 1));
        return groups;
    }

    /// <summary>
    /// The experiments skipped in this run, grouped by why, the reason cut before its first parenthesis (the full one is in
    /// the report's "Skipped experiments"): "data set cifar10 cannot be had here" → mlp-cifar10, lenet-cifar10.
    /// </summary>
    public static IReadOnlyList<(string Why, IReadOnlyList<string> Experiments)> Skipped(RunReport report) =>
        ExperimentOrder.Sort(report.Experiments.Where(e => e.Skipped is not null), e => e.Spec)
            .GroupBy(e => Short(e.Skipped!)).Select(g => (g.Key, (IReadOnlyList<string>)g.Select(e => e.Spec.Name).ToList())).ToList();

    /// <summary>The experiments neither skipped nor with a stored solution: nothing of them has run yet (or only their data stage).</summary>
    public static IReadOnlyList<string> Pending(RunReport report) =>
        ExperimentOrder.Sort(report.Experiments.Where(e => e.Skipped is null && e.Solutions.Count == 0), e => e.Spec).Select(e => e.Spec.Name).ToList();

    private static string Short(string why) => why.IndexOf(" (", StringComparison.Ordinal) is var i and > 0 ? why[..i] : why;

    /// <summary>A cell's mark: ✓ holds, ? inconclusive, ✗ fails, – not measured, n/a not applicable (the color says it too).</summary>
    public static string Symbol(Verdict v) => v switch
    {
        Verdict.Holds => "✓",
        Verdict.Inconclusive => "?",
        Verdict.Fails => "✗",
        Verdict.NotMeasured => "–",
        _ => "n/a",
    };

    /// <summary>The CSS class of a verdict: its text with '-' for spaces.</summary>
    public static string Css(Verdict v) => Verdicts.Text(v).Replace(' ', '-');

    /// <summary>The anchor of a finding's numbers in an experiment's section.</summary>
    public static string Anchor(string experiment, string id) => $"{experiment}-{id}";

    /// <summary>
    /// The one line the report gives for a verdict: the finding's explanation, prefixed with the size label's cause
    /// (<see cref="SizeLabelText.Cause"/>) for an under-parameterized or beyond-SGD experiment whose finding could not be measured
    /// (its solutions are not expected to converge): "under-parameterized (below the interpolation threshold,
    /// findings.underparameterized): 0 of 6 solutions converged".
    /// </summary>
    public static string Why(ExperimentReport e, Finding f) =>
        SizeLabelText.Of(e.Spec.Findings.SizeLabel) is { } label && f.Verdict == Verdict.NotMeasured ? $"{label.Cause}: {f.Explanation}" : f.Explanation;

    /// <summary>The columns with <paramref name="label"/>, by experiment name, in the matrix's order.</summary>
    public static IReadOnlyList<string> Labelled(IReadOnlyList<MatrixColumn> columns, SizeLabel label) =>
        columns.Where(c => c.SizeLabel == label).Select(c => c.Experiment.Spec.Name).ToList();
}
