using System.Text.Json.Nodes;
using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Stages;

/// <summary>
/// A plane stage's settings (METHOD.md §4, the paper's Fig. 4 / Fig. 8): the 2-D section through solution A, solution B
/// unaligned and B aligned to A, in raw or normalized space.
/// </summary>
/// <param name="Architecture">The full written architecture.</param>
/// <param name="Space">raw or normalized.</param>
/// <param name="A">The first solution (the paper: an RSGD solution).</param>
/// <param name="B">The second (the paper: an ADV solution), taken unaligned and aligned to A.</param>
/// <param name="Resolution">Grid values per axis.</param>
/// <param name="Margin">The grid's margin beyond the three points, as a fraction of their range.</param>
/// <param name="EvalTrainSubset">Train samples evaluated (0: all).</param>
/// <param name="EvalTestSubset">Test samples evaluated (0: all).</param>
/// <param name="BatchNormRecompute">BN nets: running statistics recomputed at every grid point.</param>
public sealed record PlaneStageSettings(string Architecture, string Space, string A, string B, int Resolution, double Margin, int EvalTrainSubset,
    int EvalTestSubset, bool BatchNormRecompute)
{
    private const string Where = "plane stage";

    /// <summary>The names of the three points: A, B, and B aligned to A.</summary>
    public IReadOnlyList<string> Points => [A, B, $"{B} aligned"];

    /// <summary>The plane through <paramref name="a"/>, <paramref name="b"/> and b aligned to a, from the spec's probes.</summary>
    public static PlaneStageSettings Of(string architecture, string space, string a, string b, ProbeSpec p) =>
        new(architecture, space, a, b, p.PlaneResolution, p.PlaneMargin, p.EvalTrainSubset, p.EvalTestSubset, p.BatchNormRecompute);

    /// <summary>The canonical JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["architecture"] = Architecture,
        ["space"] = Space,
        ["a"] = A,
        ["b"] = B,
        ["solutions"] = StageJson.Array(Points),
        ["resolution"] = Resolution,
        ["margin"] = Margin,
        ["eval_train_subset"] = EvalTrainSubset,
        ["eval_test_subset"] = EvalTestSubset,
        ["bn_recompute"] = BatchNormRecompute,
    };

    /// <summary>The inverse of <see cref="ToJson"/>.</summary>
    public static PlaneStageSettings FromJson(JsonObject s) => new((string)StageJson.Get(s, "architecture", Where)!, (string)StageJson.Get(s, "space", Where)!,
        (string)StageJson.Get(s, "a", Where)!, (string)StageJson.Get(s, "b", Where)!, (int)StageJson.Get(s, "resolution", Where),
        (double)StageJson.Get(s, "margin", Where), (int)StageJson.Get(s, "eval_train_subset", Where), (int)StageJson.Get(s, "eval_test_subset", Where),
        (bool)StageJson.Get(s, "bn_recompute", Where));
}
