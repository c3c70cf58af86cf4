using System.Text.Json.Nodes;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Stages;

/// <summary>
/// A path stage's settings (METHOD.md §4), and the path part of an optimized path's: built by the probe planner,
/// serialized canonically for the key (<see cref="WriteTo"/>), read back by the runners (<see cref="FromJson"/>).
/// </summary>
/// <param name="Architecture">The full written architecture.</param>
/// <param name="Kind">The path kind (linear, linear-aligned, geodesic-aligned, hamming, hamming-aligned).</param>
/// <param name="A">Solution A's name (<c>rsgd-s1</c>).</param>
/// <param name="B">Solution B's name.</param>
/// <param name="PairType">The two algorithms in spec order (<c>rsgd-sgd</c>).</param>
/// <param name="Points">Points along the path (per segment for an optimized path), endpoints included.</param>
/// <param name="EvalTrainSubset">Train samples the path is evaluated on (0: all).</param>
/// <param name="EvalTestSubset">Test samples (0: all).</param>
/// <param name="BatchNormRecompute">BN nets: running statistics recomputed at every point.</param>
/// <param name="Normalization">The target norms, for the kinds between normalized endpoints; else null.</param>
/// <param name="Orders">Binary nets: random flip orders averaged per Hamming path; else null.</param>
/// <param name="Seed">Binary nets: the flip orders' seed; else null.</param>
public sealed record PathStageSettings(string Architecture, string Kind, string A, string B, string PairType, int Points, int EvalTrainSubset,
    int EvalTestSubset, bool BatchNormRecompute, NormalizationSettings? Normalization, int? Orders, int? Seed)
{
    private const string Where = "path stage";

    /// <summary>The settings of the <paramref name="kind"/> path between two solutions from the spec's probes.</summary>
    public static PathStageSettings Of(string architecture, string kind, string a, string b, string type, ProbeSpec p, bool binary) =>
        new(architecture, kind, a, b, type, p.PathPoints, p.EvalTrainSubset, p.EvalTestSubset, p.BatchNormRecompute,
            PathKinds.Normalized(PathKinds.Parse(kind)) ? p.Normalization : null, binary ? p.HammingOrders : null, binary ? p.Seed : null);

    /// <summary>The path kind.</summary>
    public PathKind PathKind => PathKinds.Parse(Kind);

    /// <summary>The canonical JSON (the keys of earlier versions, so path stages keep their keys).</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject();
        WriteTo(o);
        return o;
    }

    /// <summary>Writes the fields into <paramref name="o"/>.</summary>
    public void WriteTo(JsonObject o)
    {
        o["architecture"] = Architecture;
        o["kind"] = Kind;
        o["a"] = A;
        o["b"] = B;
        o["pair_type"] = PairType;
        o["points"] = Points;
        o["eval_train_subset"] = EvalTrainSubset;
        o["eval_test_subset"] = EvalTestSubset;
        o["bn_recompute"] = BatchNormRecompute;
        // Only the kinds between normalized endpoints normalize (A here, the midpoint of an optimized path).
        if (Normalization is { } n) o["normalization"] = ProbePlanner.Normalization(n);
        if (Orders is { } orders) o["orders"] = orders;
        if (Seed is { } seed) o["seed"] = seed;
    }

    /// <summary>The inverse of <see cref="WriteTo"/>; a missing field is an error naming it.</summary>
    public static PathStageSettings FromJson(JsonObject s) => new(
        (string)StageJson.Get(s, "architecture", Where)!, (string)StageJson.Get(s, "kind", Where)!, (string)StageJson.Get(s, "a", Where)!,
        (string)StageJson.Get(s, "b", Where)!, (string)StageJson.Get(s, "pair_type", Where)!, (int)StageJson.Get(s, "points", Where),
        (int)StageJson.Get(s, "eval_train_subset", Where), (int)StageJson.Get(s, "eval_test_subset", Where), (bool)StageJson.Get(s, "bn_recompute", Where),
        s["normalization"] is JsonObject ? StageSettings.Normalization(s) : null, (int?)s["orders"], (int?)s["seed"]);
}
