using System.Net;
using System.Text;
using Reproduce.Harness.Findings;

namespace Reproduce.Harness.Report;

/// <summary>
/// index.html: one self-contained page (figures are files beside it). It opens on the answer a reader of the paper wants,
/// the findings matrix (<see cref="FindingsMatrix"/>), then each experiment with its figures beside the findings they support
/// (<see cref="ExperimentHtml"/>), then the provenance.
/// </summary>
public static class ReportHtml
{
    private const string Style = """
        body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;max-width:1380px;margin:1em auto;padding:0 1em;color:#222;font-size:15px}
        h1{font-size:1.5em;margin:.2em 0}p.lead{margin:.2em 0 .8em;color:#444}
        table{border-collapse:collapse;margin:.5em 0 1em;font-size:.88em}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
        th{background:#f3f3f3}
        table.matrix{font-size:.78em}table.matrix th,table.matrix td{padding:.18em .22em;text-align:center}table.matrix th.row{text-align:left;white-space:nowrap}
        table.matrix td.fig{color:#555;white-space:nowrap;font-size:.9em}table.matrix th.grp{font-weight:bold}table.matrix th.col{font-weight:normal;white-space:nowrap}
        table.matrix th.col a{color:#0645ad;text-decoration:none}
        table.matrix td.cell{min-width:1.9em;font-weight:bold;padding:0}table.matrix td.cell a{display:block;padding:.22em 0;color:inherit;text-decoration:none}
        table.matrix td.not-applicable{font-size:.85em}
        table.matrix tr.count td{font-size:.9em;color:#333}table.matrix tr.count td.none{color:#cf222e;font-weight:bold}
        th.under{background:#fff4d6}th.beyond{background:#dcecfb}
        .holds{background:#d4f4dc;color:#116329}.fails{background:#ffd8d3;color:#a40e26}.inconclusive{background:#fff1b8;color:#7a5200}
        .not-measured{background:#eceff1;color:#57606a}.not-applicable{background:#fafafa;color:#9aa0a6;font-weight:normal!important}
        p.legend span{display:inline-block;padding:0 .4em;margin-right:.3em;border-radius:3px}p.note{color:#444;margin:.3em 0}
        .figrow{display:flex;gap:1.2em;align-items:flex-start;margin:1em 0 1.6em}.figrow figure{flex:0 0 56%;margin:0}.figrow .side{flex:1}
        figure img{max-width:100%;border:1px solid #ddd}figcaption{font-size:.85em;color:#444}code{font-size:.9em}
        .finding{border-left:4px solid #ccc;padding:.2em .6em;margin:0 0 .8em}.finding .badge{padding:0 .4em;border-radius:3px;font-weight:bold}
        .finding .why{margin:.2em 0}.finding .nums{font-size:.85em;color:#444;margin:.15em 0}.finding details{font-size:.85em}
        section{border-top:2px solid #ddd;margin-top:2em}
        """;

    /// <summary>The HTML text of <paramref name="report"/>.</summary>
    public static string Write(RunReport report)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Reproduction report: Deep Networks on Toroids</title>\n");
        sb.Append($"<style>{Style}</style></head><body>\n");
        sb.Append("<h1>Does “Deep Networks on Toroids” (Pittorino et al., ICML 2022) reproduce?</h1>\n");
        var columns = FindingsMatrix.Columns(report);
        sb.Append($"<p class=\"lead\">Each finding of the paper (rows) judged on each experiment of this run (columns, profile <code>{E(report.Profile)}</code>), " +
                  "on converged solutions and midpoints only. A cell links to its numbers; hover for the reason.</p>\n");
        Matrix(sb, columns);
        sb.Append("<p class=\"legend\">");
        foreach (var v in Verdicts.All) sb.Append($"<span class=\"{FindingsMatrix.Css(v)}\">{FindingsMatrix.Symbol(v)} {Verdicts.Text(v)}</span>");
        sb.Append("</p>\n<p class=\"note\">holds: the claimed order is there beyond its tolerance and the solutions' spread; inconclusive: not resolved at this size; " +
                  "fails: the opposite order beyond both; not measured: too few converged inputs; not applicable: the check cannot fail on this net.</p>\n");
        foreach (var label in SizeLabelText.Labels)
            if (FindingsMatrix.Labelled(columns, label) is { Count: > 0 } names && SizeLabelText.Of(label) is { } t)
                sb.Append($"<p class=\"note\">{t.Shade} columns ({E(string.Join(", ", names))}) are {E(t.Name)}: {E(t.Note)}.</p>\n");
        foreach (var (why, names) in FindingsMatrix.Skipped(report))
            sb.Append($"<p class=\"note\">Not run here: {E(string.Join(", ", names))}: {E(why)} (<a href=\"#skipped\">details</a>).</p>\n");
        if (FindingsMatrix.Pending(report) is { Count: > 0 } pending)
            sb.Append($"<p class=\"note\">No solution stored yet: {E(string.Join(", ", pending))} (their stages have not run; <code>./build.sh Reproduce</code> runs them).</p>\n");
        if (columns.Count == 0) sb.Append("<p class=\"note\">No experiment has a stored solution yet: the matrix is empty.</p>\n");
        foreach (var c in columns) ExperimentHtml.Write(sb, c);
        if (FindingsMatrix.Skipped(report).Count > 0)
        {
            sb.Append("<section id=\"skipped\"><h2>Skipped experiments</h2>\n<ul>\n");
            foreach (var e in ExperimentOrder.Sort(report.Experiments.Where(e => e.Skipped is not null), e => e.Spec))
                sb.Append($"<li id=\"{E(e.Spec.Name)}\"><b>{E(e.Spec.Name)}</b>: {E(e.Skipped!)}</li>\n");
            sb.Append("</ul></section>\n");
        }
        Provenance(sb, report);
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void Matrix(StringBuilder sb, IReadOnlyList<MatrixColumn> columns)
    {
        sb.Append("<table class=\"matrix\">\n<tr><th class=\"row\" rowspan=\"2\">finding</th><th rowspan=\"2\">paper</th>");
        foreach (var (group, span) in FindingsMatrix.Groups(columns)) sb.Append($"<th class=\"grp\" colspan=\"{span}\">{E(group)}</th>");
        sb.Append("</tr>\n<tr>");
        foreach (var c in columns)
            sb.Append($"<th class=\"col{(c.SizeText is { } t ? " " + t.Css : "")}\" title=\"{E(c.Experiment.Spec.Name + (c.SizeText is { } n ? $" ({n.Name})" : ""))}\">" +
                      $"<a href=\"#{E(c.Experiment.Spec.Name)}\">{E(c.Label)}</a></th>");
        sb.Append("</tr>\n");
        foreach (var id in FindingCatalog.Ids)
        {
            sb.Append($"<tr><th class=\"row\" title=\"{E(FindingCatalog.Title(id))}\">{id} {E(FindingCatalog.Short(id))}</th><td class=\"fig\">{E(FindingCatalog.Figure(id))}</td>");
            foreach (var c in columns)
            {
                var f = c.Experiment.Findings.FirstOrDefault(x => x.Id == id);
                if (f is null) { sb.Append("<td></td>"); continue; }
                var why = FindingsMatrix.Why(c.Experiment, f);
                sb.Append($"<td class=\"cell {FindingsMatrix.Css(f.Verdict)}\"><a href=\"#{E(FindingsMatrix.Anchor(c.Experiment.Spec.Name, id))}\" " +
                          $"title=\"{E(c.Experiment.Spec.Name)} {id}: {f.VerdictText}{(why.Length > 0 ? " — " + E(why) : "")}\">{FindingsMatrix.Symbol(f.Verdict)}</a></td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("<tr class=\"count\"><th class=\"row\">solutions converged</th><td></td>");
        foreach (var c in columns)
        {
            var e = c.Experiment;
            sb.Append(e.Solutions.Count == 0 ? "<td>—</td>" : $"<td class=\"{(e.SolutionsConverged == 0 ? "none" : "")}\">{e.SolutionsConverged}/{e.Solutions.Count}</td>");
        }
        sb.Append("</tr>\n<tr class=\"count\"><th class=\"row\">midpoints converged</th><td></td>");
        foreach (var c in columns)
        {
            var e = c.Experiment;
            var title = e.MidpointsUnrecorded > 0 ? $" title=\"{e.MidpointsUnrecorded} optimized paths do not record whether their midpoint converged (an older stage)\"" : "";
            sb.Append($"<td class=\"{(e.Midpoints > 0 && e.MidpointsConverged == 0 && e.MidpointsUnrecorded == 0 ? "none" : "")}\"{title}>{e.MidpointCell}</td>");
        }
        sb.Append("</tr>\n</table>\n");
    }

    private static void Provenance(StringBuilder sb, RunReport report)
    {
        sb.Append("<section><h2>Provenance</h2>\n<h3>Versions</h3>\n<table><tr><th>field</th><th>values</th></tr>\n");
        foreach (var (field, values) in report.Versions)
            sb.Append($"<tr><td>{E(field)}</td><td>{(values.Count == 0 ? "—" : E(string.Join("; ", values)))}</td></tr>\n");
        sb.Append("</table>\n<h3>Wall time per kind</h3>\n<table><tr><th>kind</th><th>stages done</th><th>of</th><th>wall time (s)</th></tr>\n");
        foreach (var g in report.Stages.GroupBy(s => s.Kind))
            sb.Append($"<tr><td>{E(g.Key)}</td><td>{g.Count(s => s.State == "done")}</td><td>{g.Count()}</td><td>{Numbers.Format(g.Sum(s => s.WallSeconds ?? 0))}</td></tr>\n");
        sb.Append($"</table>\n<details><summary>Stages ({report.Stages.Count})</summary>\n<table><tr><th>stage</th><th>kind</th><th>key</th><th>state</th><th>wall time (s)</th></tr>\n");
        foreach (var s in report.Stages)
            sb.Append($"<tr><td>{E(s.Id)}</td><td>{E(s.Kind)}</td><td><code>{E(s.Key)}</code></td><td>{E(s.State)}</td><td>{Numbers.Format(s.WallSeconds)}</td></tr>\n");
        sb.Append("</table></details></section>\n");
    }

    /// <summary>HTML-escapes text.</summary>
    public static string E(string s) => WebUtility.HtmlEncode(s);
}
