using System.Text.Json.Nodes;
using Reproduce.Harness.Findings;
using Reproduce.Harness.Plots;
using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Planning;

/// <summary>
/// Plans the stages that read stored probe results: one <c>plot</c> stage per figure type an experiment has results for,
/// and one <c>findings</c> stage per experiment with probe stages. Pure, like <see cref="Planner"/>, which calls it last.
/// A size series of binary experiments (HMM N, or the width on MNIST parity) shares one scaling figure, and each of its
/// experiments' findings stages reads the whole series (F10).
/// </summary>
public static class ReportPlanner
{
    /// <summary>Binary architectures (sign weights and activations).</summary>
    public static readonly IReadOnlyList<string> BinaryArchitectures = ["perceptron", "committee", "binary-perceptron", "binary-committee", "binary-mlp", "binary-conv"];

    private static readonly string[] ProbeKinds = [StageKinds.LocalEnergy, StageKinds.Path, StageKinds.OptimizedPath, StageKinds.Plane, StageKinds.Distances];

    /// <summary>Appends the plot and findings stages of <paramref name="specs"/> to <paramref name="stages"/> (which holds every upstream stage).</summary>
    public static void Plan(IReadOnlyList<ExperimentSpec> specs, List<Stage> stages)
    {
        var upstream = stages.ToList();
        foreach (var spec in specs)
        {
            var own = upstream.Where(s => s.Experiments.Contains(spec.Name) && StoredResults.Kinds.Contains(s.Kind)).ToList();
            if (!own.Any(s => ProbeKinds.Contains(s.Kind))) continue;
            var family = Family(spec);
            var binary = family != "continuous";
            var star = binary ? spec.Findings.FlipStar : spec.Findings.SigmaStar;
            var series = Series(spec, specs, upstream);

            foreach (var (figure, file) in FiguresOf(spec, own, family, series))
            {
                var type = Figures.Get(figure);
                var scaling = figure == Figures.Scaling.Name;
                var reads = scaling ? [] : own.Where(s => type.Reads.Contains(s.Kind)).ToList();
                var settings = new JsonObject
                {
                    ["figure"] = figure,
                    ["file"] = file,
                    ["experiment"] = scaling ? SeriesName(series) : spec.Name,
                    ["title"] = $"{(scaling ? SeriesName(series) : spec.Name)}: Fig. {file[3..file.IndexOf('-')]}, {Caption(figure)}",
                    ["algorithms"] = Array(spec.Algorithms.Select(a => a.Name)),
                    ["star"] = star,
                    ["stages"] = Array(reads.Select(s => s.Key)),
                    ["series"] = scaling ? SeriesJson(series) : new JsonArray(),
                    ["x_label"] = scaling ? XLabel(spec) : "",
                };
                var inputs = scaling ? series.SelectMany(p => p.Stages).Select(s => s.Key).Distinct().ToList() : reads.Select(s => s.Key).ToList();
                Add(stages, spec, StageKinds.Plot, settings, inputs, $"plot/{(scaling ? SeriesName(series) : spec.Name)}/{file}");
            }

            var findings = new FindingsStageSettings(spec.Name, spec.Algorithms.Select(a => a.Name).ToList(), family, spec.Network.Arch, spec.Findings,
                own.Select(s => s.Key).ToList(), series.Select(p => new FindingsStageSettings.SeriesPoint(p.Experiment, p.X, p.Stages.Select(s => s.Key).ToList())).ToList())
                .ToJson();
            var all = own.Select(s => s.Key).Concat(series.SelectMany(p => p.Stages).Select(s => s.Key)).Distinct().ToList();
            Add(stages, spec, StageKinds.Findings, findings, all, $"findings/{spec.Name}");
        }
    }

    /// <summary>continuous, binary-hmm (binary nets on the Hidden Manifold Model) or binary-deep (other binary nets).</summary>
    public static string Family(ExperimentSpec spec) =>
        !BinaryArchitectures.Contains(spec.Network.Arch) ? "continuous" : spec.Data.Dataset == "hmm" ? "binary-hmm" : "binary-deep";

    private static IEnumerable<(string Figure, string File)> FiguresOf(ExperimentSpec spec, IReadOnlyList<Stage> own, string family, IReadOnlyList<SeriesPoint> series)
    {
        bool Has(string kind) => own.Any(s => s.Kind == kind);
        if (Has(StageKinds.LocalEnergy)) yield return ("local-energy", "fig1-local-energy");
        if (Has(StageKinds.Path)) yield return ("paths", "fig2-paths");
        if (Has(StageKinds.OptimizedPath)) yield return ("optimized-paths", "fig3-optimized-paths");
        if (Has(StageKinds.Plane)) yield return ("planes", family == "continuous" ? "fig4-planes" : "fig8-planes");
        if (Has(StageKinds.Distances) || Has(StageKinds.Align)) yield return ("distances", "fig5-distances");
        if (series.Count > 0 && series.Any(p => p.Stages.Any(s => s.Kind is StageKinds.LocalEnergy or StageKinds.Path)))
            yield return ("scaling", spec.Data.Dataset == "hmm" ? (spec.Network.Arch.Contains("perceptron") ? "fig18-scaling" : "fig6-scaling") : "fig19-scaling");
        if ((family == "binary-deep" || spec.Findings.Appendix.Contains("barriers")) && (Has(StageKinds.Path) || Has(StageKinds.OptimizedPath))) yield return ("barriers", "fig7-barriers");
        if (spec.Findings.Appendix.Contains("plane-test") && Has(StageKinds.Plane)) yield return ("plane-test", "fig11-plane-test");
    }

    private sealed record SeriesPoint(string Experiment, double X, IReadOnlyList<Stage> Stages);

    /// <summary>The binary size series <paramref name="spec"/> belongs to: same architecture, data set and algorithms; empty for other experiments.</summary>
    private static IReadOnlyList<SeriesPoint> Series(ExperimentSpec spec, IReadOnlyList<ExperimentSpec> specs, IReadOnlyList<Stage> upstream)
    {
        if (Family(spec) == "continuous" || spec.Data.Dataset is not ("hmm" or "mnist-parity")) return [];
        string Group(ExperimentSpec s) => $"{s.Network.Arch}|{s.Data.Dataset}|{string.Join(",", s.Algorithms.Select(a => a.Name))}";
        return specs.Where(s => Group(s) == Group(spec))
            .Select(s => new SeriesPoint(s.Name, s.Data.Dataset == "hmm" ? s.Data.Hmm.N : s.Network.Hidden.FirstOrDefault(),
                upstream.Where(x => x.Experiments.Contains(s.Name) && x.Kind is StageKinds.Train or StageKinds.LocalEnergy or StageKinds.Path).ToList()))
            .OrderBy(p => p.X).ThenBy(p => p.Experiment, StringComparer.Ordinal).ToList();
    }

    private static string SeriesName(IReadOnlyList<SeriesPoint> series) =>
        series.Count == 1 ? series[0].Experiment : $"{series[0].Experiment}..{series[^1].Experiment}";

    private static string XLabel(ExperimentSpec spec) => spec.Data.Dataset == "hmm" ? "input size N (HMM)" : "hidden layer width";

    private static JsonArray SeriesJson(IReadOnlyList<SeriesPoint> series) => new(series.Select(p => (JsonNode?)new JsonObject
    {
        ["experiment"] = p.Experiment,
        ["x"] = p.X,
        ["stages"] = Array(p.Stages.Select(s => s.Key)),
    }).ToArray());

    private static string Caption(string figure) => figure switch
    {
        "local-energy" => "local energy and test error",
        "paths" => "error along paths between solutions",
        "optimized-paths" => "error along optimized paths",
        "planes" => "2-D sections through three solutions",
        "distances" => "distances between solutions",
        "scaling" => "binary networks against size",
        "barriers" => "barriers per pair type",
        "plane-test" => "train and test error on 2-D sections",
        _ => figure,
    };

    private static JsonArray Array(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

    private static void Add(List<Stage> stages, ExperimentSpec spec, string kind, JsonObject settings, IReadOnlyList<string> inputs, string id)
    {
        var key = StageKey.Compute(kind, settings, inputs);
        var i = stages.FindIndex(s => s.Key == key);
        if (i >= 0)
        {
            if (!stages[i].Experiments.Contains(spec.Name)) stages[i] = stages[i] with { Experiments = [.. stages[i].Experiments, spec.Name] };
            return;
        }
        if (stages.Any(s => s.Id == id)) id = $"{id}-{key[..6]}";
        stages.Add(new Stage(kind, key, id, settings, inputs, [spec.Name]));
    }
}
