using Reproduce.Core.Numerics;
using TorchSharp;
using Reproduce.Core.Symmetry;
using static TorchSharp.torch;

namespace Reproduce.Core.Geometry;

/// <summary>
/// The spheres of the toroidal geometry (METHOD.md §2): one per hidden unit (its incoming vector, a row of its
/// group's matrix) and one for the whole last-layer weight (a single row). Biases and BN tensors are not on them.
/// </summary>
public static class Spheres
{
    /// <summary>
    /// Per hidden group its incoming matrix (units, fan_in), then, when the layout has an output weight, that weight
    /// as one row (1, #W_L); named by group (or the output weight's name). Float64, in the current dispose scope.
    /// </summary>
    public static IReadOnlyList<(string Name, Tensor Rows)> Rows(UnitLayout layout, IReadOnlyDictionary<string, Tensor> sd)
    {
        var rows = layout.Groups.Select(g => (g.Name, UnitTransform.Incoming(sd, g).to(ScalarType.Float64))).ToList();
        if (layout.Output.Weight is { } w) rows.Add((w, StateDicts.Get(sd, w).reshape(1, -1).to(ScalarType.Float64)));
        return rows;
    }

    /// <summary>Writes matrices shaped as <see cref="Rows"/> back into <paramref name="sd"/>, in each tensor's dtype.</summary>
    public static void Write(UnitLayout layout, Dictionary<string, Tensor> sd, IReadOnlyList<Tensor> rows)
    {
        for (var k = 0; k < layout.Groups.Count; k++) UnitTransform.SetIncoming(sd, layout.Groups[k], rows[k]);
        if (layout.Output.Weight is { } w)
        {
            var old = sd[w];
            sd[w] = rows[layout.Groups.Count].reshape(old.shape).to(old.dtype);
        }
    }

    /// <summary>
    /// Per-row angle θ between a and b: (n, f) → (n,), computed stably as 2·atan2(||â − b̂||, ||â + b̂||) on the unit
    /// vectors â = a/||a||, b̂ = b/||b|| (arccos of the cosine loses all precision near θ = 0).
    /// </summary>
    public static Tensor Angles(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        using var tiny = 1e-300.ToScalar();
        var an = a.div(RowNorms(a).clamp_min(tiny).unsqueeze(1));
        var bn = b.div(RowNorms(b).clamp_min(tiny).unsqueeze(1));
        return atan2(RowNorms(an.sub(bn)), RowNorms(an.add(bn, Scalars.One))).mul(Scalars.Two).MoveToOuterDisposeScope();
    }

    /// <summary>Row-wise Euclidean norms: (n, f) → (n,).</summary>
    public static Tensor RowNorms(Tensor m) => m.pow(Scalars.Two).sum(1).sqrt();
}
