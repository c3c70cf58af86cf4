using Reproduce.Core.Models;
using Reproduce.Core.Numerics;
using Reproduce.Core.Symmetry;
using static TorchSharp.torch;

namespace Reproduce.Core.Geometry;

/// <summary>
/// Distances between two networks of one layout, over the weight tensors only (<see cref="UnitLayout.WeightTensors"/>:
/// the paper's geometry ignores biases and BN parameters).
/// </summary>
public static class Distance
{
    /// <summary>d = sqrt(Σ_{weight tensors} ||a − b||²), in float64.</summary>
    public static double Euclidean(UnitLayout layout, IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var total = 0.0;
        foreach (var name in layout.WeightTensors)
            total += StateDicts.Get(a, name).to(ScalarType.Float64).sub(StateDicts.Get(b, name).to(ScalarType.Float64)).pow(Scalars.Two).sum().item<double>();
        return Math.Sqrt(total);
    }

    /// <summary>The geodesic distance on the torus, <see cref="Geodesic.Distance"/> (for normalized, aligned networks).</summary>
    public static double Geodesic(UnitLayout layout, IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b) =>
        Geometry.Geodesic.Distance(layout, a, b);

    /// <summary>
    /// Binary nets: the fraction of weights whose signs differ, #{sign(a_k) ≠ sign(b_k)} / #weights, over the weight
    /// tensors (latent or ±1 weights alike, sign(0) = +1). In [0, 1].
    /// </summary>
    public static double Hamming(UnitLayout layout, IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long differ = 0, count = 0;
        foreach (var name in layout.WeightTensors)
        {
            var ta = StateDicts.Get(a, name);
            differ += Binarization.Sign(ta).ne(Binarization.Sign(StateDicts.Get(b, name))).sum().item<long>();
            count += ta.numel();
        }
        return count == 0 ? 0 : (double)differ / count;
    }
}
