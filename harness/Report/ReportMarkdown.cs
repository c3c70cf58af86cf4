using System.Text;
using Reproduce.Harness.Findings;

namespace Reproduce.Harness.Report;

/// <summary>REPORT.md: the same content as index.html, in Markdown.</summary>
public static class ReportMarkdown
{
    /// <summary>The Markdown text of <paramref name="report"/>.</summary>
    public static string Write(RunReport report)
    {
        var sb = new StringBuilder();
        sb.Append("# Reproduction report: Deep Networks on Toroids (Pittorino et al., ICML 2022)\n\n");
        sb.Append($"Profile `{report.Profile}`. Built by `reproduce report` from the stage cache alone (manifests, JSON and CSV results; no network is read).\n\n");
        sb.Append("## Summary\n\n| experiment | solutions | converged | holds | fails | not measured | figures |\n|---|---|---|---|---|---|---|\n");
        foreach (var e in report.Experiments)
            sb.Append($"| {e.Spec.Name} | {e.Solutions.Count} | {e.Solutions.Count(s => s.Converged)} | {Count(e, Verdict.Holds)} | {Count(e, Verdict.Fails)} | " +
                      $"{Count(e, Verdict.NotMeasured)} | {e.Figures.Count(f => f.Png is not null)}/{e.Figures.Count} |\n");
        foreach (var e in report.Experiments)
        {
            sb.Append($"\n## {e.Spec.Name}\n\n");
            if (e.Spec.Description.Length > 0) sb.Append(e.Spec.Description).Append("\n\n");
            if (e.Skipped is not null) sb.Append($"**Skipped in this run:** {e.Skipped}\n\n");
            sb.Append($"Spec `{e.Spec.SourceFile}` (SHA-256 `{e.SpecSha256 ?? "unreadable"}`); algorithms {string.Join(", ", e.Spec.Algorithms.Select(a => a.Name))}; " +
                      $"seeds {string.Join(", ", e.Spec.Seeds)}; network {e.Spec.Network.Arch} [{string.Join(", ", e.Spec.Network.Hidden)}]; data {e.Spec.Data.Dataset}.\n\n");
            sb.Append("### Solutions\n\n");
            if (e.Solutions.Count == 0) sb.Append("No solution is stored yet.\n");
            else
            {
                sb.Append("| solution | train error | test error | converged (threshold) | epochs | train time |\n|---|---|---|---|---|---|\n");
                foreach (var s in e.Solutions)
                    sb.Append($"| {s.Name} | {Numbers.Percent(s.TrainError)} | {Numbers.Percent(s.TestError)} | {(s.Converged ? "yes" : "**no**")} (≤ {Numbers.Percent(s.MaxTrainError)}) | " +
                              $"{s.Epochs}/{s.EpochCap} | {Numbers.Format(s.TrainSeconds)} s |\n");
            }
            sb.Append($"\n### Findings\n\nVerdicts {e.FindingsSource}.\n\n").Append(FindingsTable.Markdown(e.Findings));
            sb.Append("\n### Figures\n\n");
            if (e.Figures.Count == 0) sb.Append("No figure is planned: the experiment has no probe results.\n");
            foreach (var f in e.Figures)
                sb.Append(f.Png is null ? $"- `{f.StageId}` ({f.Paper}): {f.Missing}.\n"
                    : $"![{f.Paper}]({f.Png})\n\n*{f.Paper}* — {f.Shows} ([SVG]({f.Svg}), stage `{f.StageId}`)\n\n");
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

    private static int Count(ExperimentReport e, Verdict v) => e.Findings.Count(f => f.Verdict == v);
}
