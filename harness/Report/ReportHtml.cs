using System.Net;
using System.Text;
using Reproduce.Harness.Findings;

namespace Reproduce.Harness.Report;

/// <summary>index.html: one self-contained page (figures are files beside it) with every figure, the findings, the solutions and the provenance.</summary>
public static class ReportHtml
{
    private const string Style = """
        body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}
        table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.9em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
        th{background:#f3f3f3}.holds{color:#1a7f37;font-weight:bold}.fails{color:#cf222e;font-weight:bold}.not-measured{color:#777;font-weight:bold}
        figure{margin:1em 0 2em}figure img{max-width:100%;border:1px solid #ddd}figcaption{font-size:.9em;color:#444}code{font-size:.9em}
        """;

    /// <summary>The HTML text of <paramref name="report"/>.</summary>
    public static string Write(RunReport report)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Reproduction report: Deep Networks on Toroids</title>\n");
        sb.Append($"<style>{Style}</style></head><body>\n");
        sb.Append("<h1>Reproduction report: Deep Networks on Toroids (Pittorino et al., ICML 2022)</h1>\n");
        sb.Append($"<p>Profile <code>{E(report.Profile)}</code>. Built by <code>reproduce report</code> from the stage cache alone (manifests, JSON and CSV results; no network is read).</p>\n");
        sb.Append("<h2>Summary</h2>\n<table><tr><th>experiment</th><th>solutions</th><th>converged</th><th>holds</th><th>fails</th><th>not measured</th><th>figures</th></tr>\n");
        foreach (var e in report.Experiments)
            sb.Append($"<tr><td><a href=\"#{E(e.Spec.Name)}\">{E(e.Spec.Name)}</a></td><td>{e.Solutions.Count}</td><td>{e.Solutions.Count(s => s.Converged)}</td>" +
                      $"<td>{Count(e, Verdict.Holds)}</td><td>{Count(e, Verdict.Fails)}</td><td>{Count(e, Verdict.NotMeasured)}</td>" +
                      $"<td>{e.Figures.Count(f => f.Png is not null)}/{e.Figures.Count}</td></tr>\n");
        sb.Append("</table>\n");
        foreach (var e in report.Experiments) Experiment(sb, e);
        Provenance(sb, report);
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void Experiment(StringBuilder sb, ExperimentReport e)
    {
        sb.Append($"<h2 id=\"{E(e.Spec.Name)}\">{E(e.Spec.Name)}</h2>\n");
        if (e.Spec.Description.Length > 0) sb.Append($"<p>{E(e.Spec.Description)}</p>\n");
        if (e.Skipped is not null) sb.Append($"<p class=\"skipped\"><strong>Skipped in this run:</strong> {E(e.Skipped)}</p>\n");
        sb.Append($"<p>Spec <code>{E(e.Spec.SourceFile)}</code> (SHA-256 <code>{E(e.SpecSha256 ?? "unreadable")}</code>); algorithms {E(string.Join(", ", e.Spec.Algorithms.Select(a => a.Name)))}; " +
                  $"seeds {E(string.Join(", ", e.Spec.Seeds))}; network {E(e.Spec.Network.Arch)} [{E(string.Join(", ", e.Spec.Network.Hidden))}]; data {E(e.Spec.Data.Dataset)}.</p>\n");
        sb.Append("<h3>Solutions</h3>\n");
        if (e.Solutions.Count == 0) sb.Append("<p>No solution is stored yet.</p>\n");
        else
        {
            sb.Append("<table><tr><th>solution</th><th>train error</th><th>test error</th><th>converged (threshold)</th><th>epochs</th><th>train time</th></tr>\n");
            foreach (var s in e.Solutions)
                sb.Append($"<tr><td>{E(s.Name)}</td><td>{Numbers.Percent(s.TrainError)}</td><td>{Numbers.Percent(s.TestError)}</td>" +
                          $"<td>{(s.Converged ? "yes" : "<b>no</b>")} (≤ {Numbers.Percent(s.MaxTrainError)})</td><td>{s.Epochs}/{s.EpochCap}</td><td>{Numbers.Format(s.TrainSeconds)} s</td></tr>\n");
            sb.Append("</table>\n");
        }
        sb.Append($"<h3>Findings</h3>\n<p>Verdicts {E(e.FindingsSource).Replace("`", "")}.</p>\n");
        sb.Append("<table><tr><th>id</th><th>finding</th><th>verdict</th><th>numbers</th><th>tolerance</th><th>detail</th></tr>\n");
        foreach (var f in e.Findings)
            sb.Append($"<tr><td>{f.Id}</td><td>{E(f.Title)}</td><td class=\"{f.VerdictText.Replace(' ', '-')}\">{f.VerdictText}</td>" +
                      $"<td>{E(FindingsTable.NumbersText(f)).Replace("; ", "<br>")}</td><td>{Numbers.Format(f.Tolerance)}</td><td>{E(f.Detail)}</td></tr>\n");
        sb.Append("</table>\n<h3>Figures</h3>\n");
        if (e.Figures.Count == 0) sb.Append("<p>No figure is planned: the experiment has no probe results.</p>\n");
        foreach (var f in e.Figures)
            sb.Append(f.Png is null
                ? $"<p><code>{E(f.StageId)}</code> ({E(f.Paper)}): {E(f.Missing ?? "")}.</p>\n"
                : $"<figure><a href=\"{E(f.Svg!)}\"><img src=\"{E(f.Png)}\" alt=\"{E(f.Paper)}\"></a><figcaption><b>{E(f.Paper)}</b> — {E(f.Shows)} (stage <code>{E(f.StageId)}</code>)</figcaption></figure>\n");
    }

    private static void Provenance(StringBuilder sb, RunReport report)
    {
        sb.Append("<h2>Provenance</h2>\n<h3>Versions</h3>\n<table><tr><th>field</th><th>values</th></tr>\n");
        foreach (var (field, values) in report.Versions)
            sb.Append($"<tr><td>{E(field)}</td><td>{(values.Count == 0 ? "—" : E(string.Join("; ", values)))}</td></tr>\n");
        sb.Append("</table>\n<h3>Wall time per kind</h3>\n<table><tr><th>kind</th><th>stages done</th><th>of</th><th>wall time (s)</th></tr>\n");
        foreach (var g in report.Stages.GroupBy(s => s.Kind))
            sb.Append($"<tr><td>{E(g.Key)}</td><td>{g.Count(s => s.State == "done")}</td><td>{g.Count()}</td><td>{Numbers.Format(g.Sum(s => s.WallSeconds ?? 0))}</td></tr>\n");
        sb.Append("</table>\n<h3>Stages</h3>\n<table><tr><th>stage</th><th>kind</th><th>key</th><th>state</th><th>wall time (s)</th></tr>\n");
        foreach (var s in report.Stages)
            sb.Append($"<tr><td>{E(s.Id)}</td><td>{E(s.Kind)}</td><td><code>{E(s.Key)}</code></td><td>{E(s.State)}</td><td>{Numbers.Format(s.WallSeconds)}</td></tr>\n");
        sb.Append("</table>\n");
    }

    private static int Count(ExperimentReport e, Verdict v) => e.Findings.Count(f => f.Verdict == v);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
