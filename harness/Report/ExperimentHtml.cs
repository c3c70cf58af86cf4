using System.Text;
using Reproduce.Harness.Findings;
using static Reproduce.Harness.Report.ReportHtml;

namespace Reproduce.Harness.Report;

/// <summary>One experiment's section of index.html: how many inputs converged, each figure beside the findings it supports, the rest.</summary>
public static class ExperimentHtml
{
    /// <summary>Appends the section of <paramref name="column"/>'s experiment.</summary>
    public static void Write(StringBuilder sb, MatrixColumn column)
    {
        var e = column.Experiment;
        var name = e.Spec.Name;
        sb.Append($"<section id=\"{E(name)}\"><h2>{E(name)} <small>({E(column.Group)}, {E(column.Label)})</small></h2>\n");
        if (e.Spec.Description.Length > 0) sb.Append($"<p>{E(e.Spec.Description)}</p>\n");
        sb.Append($"<p><b>Converged:</b> {E(e.ConvergenceText)}; only those are evidence.");
        if (column.SizeText is { } label)
            sb.Append($" <b>{E(label.Heading)}</b>: {E(label.Reason)} (<code>{E(label.Field)}</code>), its {E(label.Expectation)}.");
        sb.Append("</p>\n");
        sb.Append($"<p class=\"note\">Spec <code>{E(e.Spec.SourceFile)}</code> (SHA-256 <code>{E(e.SpecSha256 ?? "unreadable")}</code>); algorithms {E(string.Join(", ", e.Spec.Algorithms.Select(a => a.Name)))}; " +
                  $"seeds {E(string.Join(", ", e.Spec.Seeds))}; network {E(e.Spec.Network.Arch)}; data {E(e.Spec.Data.Dataset)}. Verdicts {E(e.FindingsSource).Replace("`", "")}.</p>\n");

        var byId = e.Findings.ToDictionary(f => f.Id);
        var (beside, rest) = FigureFindings.Place(e.Figures, FindingCatalog.Ids.Where(byId.ContainsKey));
        foreach (var (figure, ids) in beside)
        {
            sb.Append("<div class=\"figrow\">");
            sb.Append(figure.Png is null
                ? $"<figure><p><code>{E(figure.StageId)}</code> ({E(figure.Paper)}): {E(figure.Missing ?? "")}.</p></figure>"
                : $"<figure><a href=\"{E(figure.Svg!)}\"><img src=\"{E(figure.Png)}\" alt=\"{E(figure.Paper)}\"></a>" +
                  $"<figcaption><b>{E(figure.Paper)}</b> — {E(figure.Shows)} (stage <code>{E(figure.StageId)}</code>)</figcaption></figure>");
            sb.Append("<div class=\"side\">");
            foreach (var id in ids) Finding(sb, e, byId[id]);
            sb.Append("</div></div>\n");
        }
        if (rest.Count > 0)
        {
            sb.Append(beside.Count == 0 ? "<h3>Findings</h3>\n" : "<h3>Findings without a figure here</h3>\n");
            foreach (var id in rest) Finding(sb, e, byId[id]);
        }

        sb.Append($"<details><summary>Solutions ({e.Solutions.Count})</summary>\n");
        if (e.Solutions.Count == 0) sb.Append("<p>No solution is stored yet.</p>\n");
        else
        {
            sb.Append("<table><tr><th>solution</th><th>train error</th><th>test error</th><th>converged (threshold)</th><th>epochs</th><th>train time</th></tr>\n");
            foreach (var s in e.Solutions)
                sb.Append($"<tr><td>{E(s.Name)}</td><td>{Numbers.Percent(s.TrainError)}</td><td>{Numbers.Percent(s.TestError)}</td>" +
                          $"<td>{(s.Converged ? "yes" : "<b>no</b>")} (≤ {Numbers.Percent(s.MaxTrainError)})</td><td>{s.Epochs}/{s.EpochCap}</td><td>{Numbers.Format(s.TrainSeconds)} s</td></tr>\n");
            sb.Append("</table>\n");
        }
        sb.Append("</details></section>\n");
    }

    /// <summary>A finding: verdict, claim, the one-line reason, margin/tolerance/spread, inputs, numbers and every comparison.</summary>
    private static void Finding(StringBuilder sb, ExperimentReport e, Finding f)
    {
        var css = FindingsMatrix.Css(f.Verdict);
        sb.Append($"<div class=\"finding\" id=\"{E(FindingsMatrix.Anchor(e.Spec.Name, f.Id))}\">");
        sb.Append($"<div><span class=\"badge {css}\">{E(f.VerdictText)}</span> <b>{f.Id}</b> ({E(FindingCatalog.Figure(f.Id))}) {E(f.Title)}</div>");
        var why = FindingsMatrix.Why(e, f);
        if (why.Length > 0) sb.Append($"<div class=\"why\">{E(why)}</div>");
        if (f.Verdict is not (Verdict.NotApplicable or Verdict.NotMeasured) || f.Inputs.Used + f.Inputs.LeftOut > 0)
            sb.Append($"<div class=\"nums\">{E(FindingsTable.MarginText(f))}</div>");
        if (f.Numbers.Count > 0) sb.Append($"<div class=\"nums\">{E(FindingsTable.NumbersText(f))}</div>");
        if (f.Detail != f.Explanation) sb.Append($"<div class=\"nums\">{E(f.Detail)}</div>");
        if (f.Comparisons.Count > 0)
        {
            sb.Append($"<details><summary>{f.Comparisons.Count} comparison(s)</summary><table><tr><th>comparison</th><th>A</th><th>B</th>" +
                      "<th>margin</th><th>tolerance</th><th>spread</th><th>verdict</th></tr>");
            foreach (var c in f.Comparisons)
                sb.Append($"<tr><td>{E(c.Label)}</td><td>{Numbers.Format(c.A)}</td><td>{Numbers.Format(c.B)}</td><td>{Numbers.Format(c.Margin)}</td><td>{Numbers.Format(c.Tolerance)}</td>" +
                          $"<td>{Numbers.Format(c.Spread)}</td><td class=\"{FindingsMatrix.Css(c.Verdict)}\">{Verdicts.Text(c.Verdict)}</td></tr>");
            sb.Append("</table></details>");
        }
        sb.Append("</div>\n");
    }
}
