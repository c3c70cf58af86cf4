using System.Text.RegularExpressions;
using Reproduce.Harness.Findings;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Report;
using Reproduce.Tests.Harness.Findings;
using Snapshooter.Xunit;
using Xunit;

namespace Reproduce.Tests.Harness.Report;

/// <summary>Plot and findings stages planned from stored probe stages, run, and gathered into the report.</summary>
public class ReportTests
{
    [Fact]
    public void ReportPlannerPlansOneFigurePerStoredProbeKindAndOneFindingsStage()
    {
        using var run = StoredRun.ToyMlp();
        var graph = run.Plan();
        var plots = graph.Stages.Where(s => s.Kind == StageKinds.Plot).Select(s => s.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["plot/toy-mlp/fig1-local-energy", "plot/toy-mlp/fig2-paths", "plot/toy-mlp/fig3-optimized-paths", "plot/toy-mlp/fig4-planes",
            "plot/toy-mlp/fig5-distances"], plots);
        var findings = Assert.Single(graph.Stages, s => s.Kind == StageKinds.Findings);
        Assert.Equal("findings/toy-mlp", findings.Id);
        Assert.Equal(run.Stages.Count, findings.Inputs.Count); // every stored stage of the experiment
        var fig1 = graph.Stages.Single(s => s.Id == "plot/toy-mlp/fig1-local-energy");
        Assert.All(fig1.Inputs, k => Assert.Equal("local-energy", graph[k].Kind));
    }

    [Fact]
    public void ASizeSeriesSharesOneScalingFigure()
    {
        using var run = StoredRun.HmmSeries();
        var graph = run.Plan();
        var scaling = Assert.Single(graph.Stages, s => s.Id.EndsWith("fig6-scaling", StringComparison.Ordinal));
        Assert.Equal(["cm-hmm-n100", "cm-hmm-n400"], scaling.Experiments);
        Assert.Equal(2, graph.Stages.Count(s => s.Kind == StageKinds.Findings));
    }

    [Fact]
    public void EachExperimentOfASizeSeriesJudgesF10OnTheWholeSeries()
    {
        using var run = StoredRun.HmmSeries();
        var graph = run.Plan();
        Assert.Empty(run.RunReportStages(graph));
        foreach (var stage in graph.Stages.Where(s => s.Kind == StageKinds.Findings))
        {
            var findings = FindingsJson.Read(File.ReadAllText(Path.Combine(run.Cache.Folder(stage), "findings.json")));
            var f10 = findings.Single(f => f.Id == "F10");
            Assert.True(f10.Verdict == Verdict.Holds, f10.Detail);
            Assert.Contains(f10.Numbers, n => n.Key == "N=100 ΔE rsgd");
            Assert.Contains(f10.Numbers, n => n.Key == "N=400 ΔE rsgd");
        }
        var scaling = graph.Stages.Single(s => s.Kind == StageKinds.Plot && s.Id.EndsWith("fig6-scaling", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(run.Cache.Folder(scaling), "fig6-scaling.png")));
        // The report shows each experiment's figures in the paper's order, the series' shared Fig. 6 after Figs. 1 and 2.
        var report = ReportBuilder.Collect(run.Root, "smoke", run.Specs, graph, run.Cache, Path.Combine(run.Root, "report"));
        foreach (var e in report.Experiments)
            Assert.Equal(["local-energy", "paths", "scaling"], e.Figures.Select(f => f.Figure));
    }

    [Fact]
    public void ReportStagesRunFromStoredResultsAloneAndTheReportShowsEveryFigure()
    {
        using var run = StoredRun.ToyMlp();
        var graph = run.Plan();
        Assert.Empty(run.RunReportStages(graph));
        var outDir = Path.Combine(run.Root, "artifacts", "report");
        var report = ReportBuilder.Collect(run.Root, "smoke", run.Specs, graph, run.Cache, outDir);
        var (html, md) = ReportBuilder.Write(report, outDir);

        var experiment = Assert.Single(report.Experiments);
        Assert.Equal(9, experiment.Solutions.Count);
        Assert.Contains("findings stage", experiment.FindingsSource);
        Assert.Equal(5, experiment.Figures.Count);
        Assert.All(experiment.Figures, f => Assert.True(File.Exists(Path.Combine(outDir, f.Png!)), f.StageId));
        var page = File.ReadAllText(html);
        Assert.All(experiment.Figures, f => Assert.Contains($"src=\"{f.Png}\"", page));
        Assert.Contains("class=\"cell fails\"><a href=\"#toy-mlp-F7\"", page);
        Assert.Contains("id=\"toy-mlp-F7\"", page);
        var text = File.ReadAllText(md);
        if (Environment.GetEnvironmentVariable("REPRODUCE_REPORT_OUT") is { Length: > 0 } keep) CopyTree(outDir, keep);
        Assert.Contains("| F7 | Fig. 3 | **fails** |", text);
        Assert.Contains("| F7 optimized paths: ~0 barrier | Fig. 3 | [✗](#toy-mlp) |", text);
        Assert.Contains("| solutions converged | | 9/9 |", text);
        Assert.Contains("| midpoints converged | | 36/36 |", text); // 18 pairs, each optimized geodesic-aligned and linear
        Assert.Contains("| plot | 5 | 5 |", text);
    }

    [Fact]
    public void WithoutTheFindingsStageTheReportJudgesWhatIsStoredAndSaysSo()
    {
        using var run = StoredRun.ToyMlp();
        var graph = run.Plan();
        var outDir = Path.Combine(run.Root, "report");
        var experiment = Assert.Single(ReportBuilder.Collect(run.Root, "smoke", run.Specs, graph, run.Cache, outDir).Experiments);
        Assert.Contains("has not run", experiment.FindingsSource);
        Assert.Equal(Verdict.Holds, experiment.Findings.Single(f => f.Id == "F1").Verdict);
        Assert.All(experiment.Figures, f => Assert.StartsWith("not drawn", f.Missing));
    }

    [Fact]
    public void ReportCommandWritesTheReportFromAnEmptyCacheAndRunsNothingElse()
    {
        var root = Path.Combine(Path.GetTempPath(), "reproduce-report-cli-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "specs"));
            File.WriteAllText(Path.Combine(root, "Reproduce.sln"), "");
            File.WriteAllText(Path.Combine(root, "specs", "hmm.yaml"),
                "experiment: hmm-mlp\ndata:\n  dataset: hmm\n  hmm: {n: 50, d: 10, p: 200, test_size: 500}\nnetwork: {hidden: [16]}\nseeds: [1]\nalgorithms:\n  sgd: {epochs: 1}\n");
            Assert.Equal(0, Reproduce.Harness.Cli.ReportCommand.Build(new Reproduce.Harness.Runs.WorkspaceOptions(root, null, null), null));
            var md = File.ReadAllText(Path.Combine(root, "artifacts", "report", "REPORT.md"));
            // Nothing was run: no solution, so no column; the experiment is named in one line instead.
            Assert.Contains("| F1 flatness ranking | Fig. 1 |\n", md);
            Assert.Contains("No solution stored yet: hmm-mlp (their stages have not run", md);
            Assert.True(File.Exists(Path.Combine(root, "artifacts", "report", "index.html")));
            Assert.False(Directory.Exists(Path.Combine(root, "artifacts", "cache", "train"))); // nothing was trained
        }
        finally
        {
            Serilog.Log.CloseAndFlush();
            if (Directory.Exists(root)) Directory.Delete(root, true);
        }
    }

    [Fact]
    public void FindingsTableMatchesSnapshot()
    {
        using var run = StoredRun.ToyMlp();
        var graph = run.Plan();
        Assert.Empty(run.RunReportStages(graph));
        var report = ReportBuilder.Collect(run.Root, "smoke", run.Specs, graph, run.Cache, Path.Combine(run.Root, "report"));
        var table = FindingsTable.Markdown(report.Experiments.Single().Findings);
        Snapshot.Match(Scrub(table, run.Root).Split('\n'));
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, true);
        }
    }

    /// <summary>Removes what differs between runs: the temporary root, hashes and times.</summary>
    private static string Scrub(string text, string root)
    {
        text = text.Replace(root, "<root>");
        text = Regex.Replace(text, "[0-9a-f]{16,64}", "<hash>");
        return Regex.Replace(text, @"\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})?", "<time>");
    }
}
