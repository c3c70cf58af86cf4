using System.Text;
using Reproduce.Harness.Findings;

namespace Reproduce.Harness.Report;

/// <summary>REPORT.md: the same content as index.html, in Markdown: the findings matrix first, then each experiment, then the provenance.</summary>
public static class ReportMarkdown
{
    /// <summary>The Markdown text of <paramref name="report"/>.</summary>
    public static string Write(RunReport report)
    {
        var sb = new StringBuilder();
        sb.Append("# Does “Deep Networks on Toroids” (Pittorino et al., ICML 2022) reproduce?\n\n");
        sb.Append($"Each finding of the paper (rows) judged on each experiment of this run (columns, profile `{report.Profile}`), on converged solutions and " +
                  "midpoints only. Built by `reproduce report` from the stage cache alone.\n\n");
        var columns = FindingsMatrix.Columns(report);
        Matrix(sb, columns);
        sb.Append("\n" + string.Join(" · ", Verdicts.All.Select(v => $"{FindingsMatrix.Symbol(v)} {Verdicts.Text(v)}")) + "\n\n");
        foreach (var label in SizeLabelText.Labels)
            if (FindingsMatrix.Labelled(columns, label) is { Count: > 0 } names && SizeLabelText.Of(label) is { } t)
                sb.Append($"{t.Heading} ({t.Reason}; {t.Expectation}), marked {t.Marker}: {string.Join(", ", names)}.\n\n");
        foreach (var (why, names) in FindingsMatrix.Skipped(report)) sb.Append($"Not run here: {string.Join(", ", names)}: {why}.\n\n");
        if (FindingsMatrix.Pending(report) is { Count: > 0 } pending)
            sb.Append($"No solution stored yet: {string.Join(", ", pending)} (their stages have not run; `./build.sh Reproduce` runs them).\n\n");

        foreach (var c in columns)
        {
            var e = c.Experiment;
            sb.Append($"\n## {e.Spec.Name}\n\n");
            if (e.Spec.Description.Length > 0) sb.Append(e.Spec.Description).Append("\n\n");
            sb.Append($"**Converged:** {e.ConvergenceText}; only those are evidence." + (c.SizeText is { } t ? $" **{t.Heading}** (`{t.Field}`)." : "") + "\n\n");
            sb.Append($"Spec `{e.Spec.SourceFile}` (SHA-256 `{e.SpecSha256 ?? "unreadable"}`); algorithms {string.Join(", ", e.Spec.Algorithms.Select(a => a.Name))}; " +
                      $"seeds {string.Join(", ", e.Spec.Seeds)}; network {e.Spec.Network.Arch}; data {e.Spec.Data.Dataset}. Verdicts {e.FindingsSource}.\n\n");
            var byId = e.Findings.ToDictionary(f => f.Id);
            var (beside, _) = FigureFindings.Place(e.Figures, FindingCatalog.Ids.Where(byId.ContainsKey));
            foreach (var (f, ids) in beside)
            {
                sb.Append(f.Png is null ? $"- `{f.StageId}` ({f.Paper}): {f.Missing}.\n\n"
                    : $"![{f.Paper}]({f.Png})\n\n*{f.Paper}* — {f.Shows} ([SVG]({f.Svg}), stage `{f.StageId}`)" +
                      (ids.Count > 0 ? $"; supports {string.Join(", ", ids.Select(id => $"{id} ({byId[id].VerdictText})"))}" : "") + "\n\n");
            }
            sb.Append("### Findings\n\n").Append(FindingsTable.Markdown(e.Findings.Select(f => f with { Explanation = FindingsMatrix.Why(e, f) }).ToList()));
            sb.Append("\n### Solutions\n\n");
            if (e.Solutions.Count == 0) sb.Append("No solution is stored yet.\n");
            else
            {
                sb.Append("| solution | train error | test error | converged (threshold) | epochs | train time |\n|---|---|---|---|---|---|\n");
                foreach (var s in e.Solutions)
                    sb.Append($"| {s.Name} | {Numbers.Percent(s.TrainError)} | {Numbers.Percent(s.TestError)} | {(s.Converged ? "yes" : "**no**")} (≤ {Numbers.Percent(s.MaxTrainError)}) | " +
                              $"{s.Epochs}/{s.EpochCap} | {Numbers.Format(s.TrainSeconds)} s |\n");
            }
        }
        sb.Append("\n## Provenance\n\n### Versions\n\n| field | values |\n|---|---|\n");
        foreach (var (field, values) in report.Versions)
            sb.Append($"| {field} | {(values.Count == 0 ? "—" : string.Join("; ", values))} |\n");
        sb.Append("\n### Wall time per kind\n\n| kind | stages done | of | wall time (s) |\n|---|---|---|---|\n");
        foreach (var g in report.Stages.GroupBy(s => s.Kind))
            sb.Append($"| {g.Key} | {g.Count(s => s.State == "done")} | {g.Count()} | {Numbers.Format(g.Sum(s => s.WallSeconds ?? 0))} |\n");
        sb.Append("\n### Stages\n\n| stage | kind | key | state | wall time (s) |\n|---|---|---|---|---|\n");
        foreach (var s in report.Stages)
            sb.Append($"| {s.Id} | {s.Kind} | `{s.Key}` | {s.State} | {Numbers.Format(s.WallSeconds)} |\n");
        return sb.ToString();
    }

    private static void Matrix(StringBuilder sb, IReadOnlyList<MatrixColumn> columns)
    {
        sb.Append("| finding | paper | " + string.Join(" | ", columns.Select(c => $"{c.Group} {c.Label}{c.SizeText?.Marker}")) + " |\n");
        sb.Append("|---|---|" + string.Concat(columns.Select(_ => "---|")) + "\n");
        foreach (var id in FindingCatalog.Ids)
        {
            sb.Append($"| {id} {FindingCatalog.Short(id)} | {FindingCatalog.Figure(id)} |");
            foreach (var c in columns)
                sb.Append(c.Experiment.Findings.FirstOrDefault(f => f.Id == id) is { } f ? $" [{FindingsMatrix.Symbol(f.Verdict)}](#{c.Experiment.Spec.Name}) |" : " |");
            sb.Append('\n');
        }
        sb.Append("| solutions converged | |" + string.Concat(columns.Select(c => $" {c.Experiment.SolutionsConverged}/{c.Experiment.Solutions.Count} |")) + "\n");
        sb.Append("| midpoints converged | |" + string.Concat(columns.Select(c => $" {c.Experiment.MidpointCell} |")) + "\n");
    }
}
