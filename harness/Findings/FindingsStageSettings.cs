using System.Text.Json.Nodes;
using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Findings;

/// <summary>
/// The settings of a <c>findings</c> stage: built by the report planner, serialized canonically for the stage key
/// (<see cref="ToJson"/>), read back by the runner (<see cref="FromJson"/>).
/// </summary>
/// <param name="Experiment">The experiment judged.</param>
/// <param name="Algorithms">Its algorithms in spec order.</param>
/// <param name="Family">continuous, binary-hmm or binary-deep.</param>
/// <param name="Arch">The spec's <c>network.arch</c> word (the train manifests' architecture takes precedence).</param>
/// <param name="Findings">The tolerances of the spec's <c>findings</c> section.</param>
/// <param name="Stages">Keys of the experiment's stored-result stages.</param>
/// <param name="Series">The size series (F10): each experiment, its size and its stages' keys; empty outside a series.</param>
public sealed record FindingsStageSettings(string Experiment, IReadOnlyList<string> Algorithms, string Family, string Arch, FindingsSpec Findings,
    IReadOnlyList<string> Stages, IReadOnlyList<FindingsStageSettings.SeriesPoint> Series)
{
    /// <summary>One experiment of a size series.</summary>
    /// <param name="Experiment">Its name.</param>
    /// <param name="X">Its size (HMM N, or hidden width).</param>
    /// <param name="Stages">Keys of its train, local-energy and path stages.</param>
    public sealed record SeriesPoint(string Experiment, double X, IReadOnlyList<string> Stages);

    /// <summary>The canonical JSON settings (the keys <c>experiment</c>, <c>algorithms</c>, <c>stages</c>, <c>series</c> are those plot stages use too).</summary>
    public JsonObject ToJson() => new()
    {
        ["experiment"] = Experiment,
        ["algorithms"] = Strings(Algorithms),
        ["family"] = Family,
        ["arch"] = Arch,
        ["findings"] = Findings.ToJson(),
        ["stages"] = Strings(Stages),
        ["series"] = new JsonArray(Series.Select(p => (JsonNode?)new JsonObject
        {
            ["experiment"] = p.Experiment,
            ["x"] = p.X,
            ["stages"] = Strings(p.Stages),
        }).ToArray()),
    };

    /// <summary>The inverse of <see cref="ToJson"/>; a missing field is an error naming it.</summary>
    public static FindingsStageSettings FromJson(JsonObject s)
    {
        JsonNode Get(JsonObject o, string k) => o[k] ?? throw new InvalidDataException($"findings stage settings: field '{k}' is missing");
        IReadOnlyList<string> List(JsonObject o, string k) => ((JsonArray)Get(o, k)).Select(x => (string)x!).ToList();
        return new FindingsStageSettings((string)Get(s, "experiment")!, List(s, "algorithms"), (string)Get(s, "family")!, (string)Get(s, "arch")!,
            FindingsSpec.FromJson((JsonObject)Get(s, "findings")), List(s, "stages"),
            ((JsonArray)Get(s, "series")).Select(p => (JsonObject)p!).Select(p => new SeriesPoint((string)Get(p, "experiment")!, (double)Get(p, "x"), List(p, "stages"))).ToList());
    }

    private static JsonArray Strings(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
}
