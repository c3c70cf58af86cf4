using System.Text.Json.Nodes;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Findings;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Plots;
using Reproduce.Harness.Specs;
using Reproduce.Harness.Stages;

namespace Reproduce.Harness.Report;

/// <summary>
/// Builds the report from the cache alone: manifests, findings.json and the figures of finished plot stages (copied into
/// the report folder), never networks. Where a findings stage has not run, the findings are judged here from whatever
/// stored results are finished, and the report says so.
/// </summary>
public static class ReportBuilder
{
    /// <summary>Provenance fields listed in the report.</summary>
    public static readonly IReadOnlyList<string> ProvenanceFields = ["reproduce", "torchsharp", "dotnet", "os", "torch_threads"];

    /// <summary>
    /// Collects the report of <paramref name="specs"/> and copies the drawn figures under <c>&lt;outDir&gt;/figures/</c>.
    /// <paramref name="skipped"/>: stages this run skipped (key → why), so an experiment whose data set cannot be had says so.
    /// </summary>
    public static RunReport Collect(string root, string profile, IReadOnlyList<ExperimentSpec> specs, StageGraph graph, StageCache cache, string outDir,
        IReadOnlyDictionary<string, string>? skipped = null)
    {
        var done = new Dictionary<string, StageInput>();
        var lines = new List<StageLine>();
        foreach (var stage in graph.Stages)
        {
            var state = cache.Inspect(stage, out _);
            double? wall = null;
            if (state == StageState.Done)
            {
                var manifest = cache.ReadManifest(stage);
                done[stage.Key] = new StageInput(stage, manifest, cache.Folder(stage));
                wall = manifest.Provenance["wall_s"] is JsonValue v && v.TryGetValue<double>(out var w) ? w : null;
            }
            lines.Add(new StageLine(stage.Id, stage.Kind, stage.Key, state.ToString().ToLowerInvariant(), wall));
        }

        var experiments = specs.Select(spec => Experiment(root, spec, graph, done, outDir, skipped ?? new Dictionary<string, string>())).ToList();
        var versions = ProvenanceFields.Select(field => new KeyValuePair<string, IReadOnlyList<string>>(field,
            done.Values.Select(d => d.Manifest.Provenance[field]?.ToString()).Where(v => v is not null).Select(v => v!).Distinct().Order(StringComparer.Ordinal).ToList()))
            .ToList();
        return new RunReport(profile, experiments, lines, versions);
    }

    /// <summary>Writes <c>index.html</c> and <c>REPORT.md</c> into <paramref name="outDir"/>; returns their paths.</summary>
    public static (string Html, string Markdown) Write(RunReport report, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var html = Path.Combine(outDir, "index.html");
        var md = Path.Combine(outDir, "REPORT.md");
        Replace(html, tmp => File.WriteAllText(tmp, ReportHtml.Write(report)));
        Replace(md, tmp => File.WriteAllText(tmp, ReportMarkdown.Write(report)));
        return (html, md);
    }

    private static ExperimentReport Experiment(string root, ExperimentSpec spec, StageGraph graph, IReadOnlyDictionary<string, StageInput> done, string outDir,
        IReadOnlyDictionary<string, string> skipped)
    {
        var own = graph.Stages.Where(s => s.Experiments.Contains(spec.Name)).ToList();
        var skip = own.Where(s => s.Kind == StageKinds.Data).Select(s => skipped.GetValueOrDefault(s.Key)).FirstOrDefault(r => r is not null);
        var algorithms = spec.Algorithms.Select(a => a.Name).ToList();
        var stored = StoredResults.Read(spec.Name, algorithms,
            own.Where(s => s.Kind is StageKinds.Train or StageKinds.OptimizedPath && done.ContainsKey(s.Key)).Select(s => done[s.Key]));
        var solutions = stored.Solutions;
        var midpoints = stored.Paths.Where(p => p.Optimized).ToList();

        IReadOnlyList<Finding> findings;
        string source;
        var findingsStage = own.FirstOrDefault(s => s.Kind == StageKinds.Findings && (string?)s.Settings["experiment"] == spec.Name);
        if (findingsStage is not null && done.TryGetValue(findingsStage.Key, out var f))
        {
            findings = FindingsJson.Read(File.ReadAllText(Path.Combine(f.Folder, "findings.json")));
            source = $"from the findings stage `{findingsStage.Id}`";
        }
        else
        {
            var available = own.Where(s => StoredResults.Kinds.Contains(s.Kind) && done.ContainsKey(s.Key)).Select(s => done[s.Key]).ToList();
            var series = findingsStage?.Settings["series"] is JsonArray points
                ? points.Select(p => new ScalingPoint((double)p!["x"]!, StoredResults.Read((string)p["experiment"]!, algorithms,
                    ((JsonArray)p["stages"]!).Select(k => (string)k!).Where(done.ContainsKey).Select(k => done[k])))).ToList()
                : [];
            findings = FindingsEvaluator.Evaluate(StoredResults.Read(spec.Name, algorithms, available), spec.Findings, ReportPlanner.Family(spec), spec.Network.Arch, series);
            source = findingsStage is null
                ? "judged by the report from the stored results (no probe stage is planned for this experiment)"
                : $"judged by the report from the {available.Count} finished stage(s) available: the findings stage `{findingsStage.Id}` has not run";
        }

        var figures = new List<FigureEntry>();
        // In the paper's figure order (fig1, fig2, …, fig11), whatever order the planner added them in (a series' shared figure first).
        foreach (var plot in own.Where(s => s.Kind == StageKinds.Plot).OrderBy(s => FigureNumber((string)s.Settings["file"]!)))
        {
            var type = Figures.Get((string)plot.Settings["figure"]!);
            var file = (string)plot.Settings["file"]!;
            if (!done.TryGetValue(plot.Key, out var p))
            {
                var missing = plot.Inputs.Count(k => !done.ContainsKey(k));
                figures.Add(new FigureEntry(plot.Id, type.Paper, type.Shows, null, null,
                    missing > 0 ? $"not drawn: {missing} of its {plot.Inputs.Count} input stage(s) have not run" : "not drawn: the plot stage has not run", type.Name));
                continue;
            }
            var folder = Path.Combine("figures", Safe((string)plot.Settings["experiment"]!));
            Directory.CreateDirectory(Path.Combine(outDir, folder));
            var png = Path.Combine(folder, file + ".png");
            var svg = Path.Combine(folder, file + ".svg");
            Replace(Path.Combine(outDir, png), tmp => File.Copy(Path.Combine(p.Folder, file + ".png"), tmp));
            Replace(Path.Combine(outDir, svg), tmp => File.Copy(Path.Combine(p.Folder, file + ".svg"), tmp));
            figures.Add(new FigureEntry(plot.Id, type.Paper, type.Shows, png.Replace('\\', '/'), svg.Replace('\\', '/'), null, type.Name));
        }

        var specPath = Path.IsPathRooted(spec.SourceFile) ? spec.SourceFile : Path.Combine(root, spec.SourceFile);
        var sha = File.Exists(specPath) ? StageCache.Sha256(specPath) : null;
        return new ExperimentReport(spec, sha, solutions, findings, source, figures, skip, midpoints.Count(p => p.Midpoint is { Converged: true }), midpoints.Count,
            midpoints.Count(p => p.Midpoint is null or { Recorded: false }));
    }

    private static int FigureNumber(string file) =>
        file.StartsWith("fig", StringComparison.Ordinal) && int.TryParse(new string(file[3..].TakeWhile(char.IsAsciiDigit).ToArray()), out var n) ? n : int.MaxValue;

    /// <summary>
    /// Writes <paramref name="path"/> through a temporary file beside it and a rename: a run killed while it writes the
    /// report, or two runs writing it at once, never leave a half-written file.
    /// </summary>
    private static void Replace(string path, Action<string> write)
    {
        var tmp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        write(tmp);
        File.Move(tmp, path, overwrite: true);
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
