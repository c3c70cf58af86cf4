using Reproduce.Core.Geometry;
using Reproduce.Core.Models;
using Reproduce.Core.Numerics;
using Reproduce.Core.Symmetry;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Probes;

/// <summary>
/// Finding I1 (METHOD.md §8) measured on a stored solution, with no data: normalization changes no prediction, and a
/// copy with every symmetry exercised (units permuted, ReLU units rescaled, sign units flipped) aligns back to distance 0.
/// </summary>
public static class InvarianceCheck
{
    /// <summary>
    /// How many of <paramref name="inputs"/> random inputs x ~ N(0, I) (of the architecture's input shape, seeded) get a
    /// different predicted class from <paramref name="normalized"/> than from <paramref name="sd"/> (eval mode).
    /// </summary>
    public static int PredictionsChanged(Architecture arch, IReadOnlyDictionary<string, Tensor> sd, IReadOnlyDictionary<string, Tensor> normalized,
        int inputs = 512, long seed = 0)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = randn([inputs, .. arch.InputShape], generator: new Generator((ulong)seed));
        using var module = arch.Create();
        module.eval();
        module.load_state_dict(sd.ToDictionary(kv => kv.Key, kv => kv.Value));
        var before = Prediction.Classes(module.call(x));
        module.load_state_dict(normalized.ToDictionary(kv => kv.Key, kv => kv.Value));
        return (int)Prediction.Classes(module.call(x)).ne(before).sum().item<long>();
    }

    /// <summary>
    /// The distance between normalized <paramref name="sd"/> and a scrambled copy of it (seeded: units permuted, ReLU units
    /// scaled by factors in [0.5, 2], sign units flipped) after normalizing both to <paramref name="normalization"/>'s norms
    /// (default: <see cref="NormalizationSettings.Default"/>) and aligning the copy: geodesic for continuous
    /// nets, the Hamming fraction for binary ones, computed in float64: 0 up to float64 rounding when alignment undoes the symmetries.
    /// </summary>
    public static double SelfAlignmentDistance(UnitLayout layout, IReadOnlyDictionary<string, Tensor> sd, NormalizationSettings? normalization = null,
        long seed = 0)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var g = new Generator((ulong)seed);
        // In float64, so what is left is the alignment's error, not float32 rounding (~1e-3 on a 500-unit layer's torus).
        var wide = sd.ToDictionary(kv => kv.Key, kv => kv.Value.is_floating_point() ? kv.Value.detach().to(ScalarType.Float64) : kv.Value.detach().clone());
        var copy = wide.ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        using var spread = 1.5.ToScalar();
        using var floor = 0.5.ToScalar();
        foreach (var group in layout.Groups)
        {
            UnitTransform.Permute(copy, group, randperm(group.Units, generator: g));
            if (group.Symmetry == UnitSymmetry.PositiveScale)
                UnitTransform.ScaleUnits(copy, group, rand([group.Units], generator: g, dtype: ScalarType.Float64).mul(spread).add(floor, Scalars.One));
            if (group.Symmetry == UnitSymmetry.Sign)
                UnitTransform.FlipUnits(copy, group, randint(0, 2, [group.Units], generator: g).mul(Scalars.Two).sub(Scalars.One).to(ScalarType.Float64));
        }
        var na = UnitNormalization.Normalize(layout, wide, normalization);
        var nb = WeightMatching.Align(layout, na, UnitNormalization.Normalize(layout, copy, normalization)).Aligned;
        return layout.Binary ? Distance.Hamming(layout, na, nb) : Distance.Geodesic(layout, na, nb);
    }
}
