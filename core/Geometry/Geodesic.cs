using Reproduce.Core.Numerics;
using TorchSharp;
using Reproduce.Core.Symmetry;
using static TorchSharp.torch;

namespace Reproduce.Core.Geometry;

/// <summary>
/// The geodesic between two normalized, aligned networks on their torus (METHOD.md §4): on every sphere of
/// <see cref="Spheres"/>, with θ the angle between a and b,
/// w(t) = [sin((1 − t)θ)·a + sin(tθ)·b] / sin θ; biases, BN parameters and buffers move linearly.
/// </summary>
public static class Geodesic
{
    /// <summary>
    /// The point at fraction t ∈ [0, 1] (t = 0 gives a, t = 1 gives b; on each sphere the point stays at radius r when
    /// ||a_i|| = ||b_i|| = r). A sphere with θ ≈ 0 moves linearly (the limit of the formula). Inputs are not modified.
    /// </summary>
    public static Dictionary<string, Tensor> Point(UnitLayout layout, IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b, double t)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var result = LinearInterpolation.Point(a, b, t);
        var ra = Spheres.Rows(layout, a);
        var rb = Spheres.Rows(layout, b);
        var points = ra.Select((r, k) => Slerp(r.Rows, rb[k].Rows, t)).ToList();
        Spheres.Write(layout, result, points);
        foreach (var v in result.Values) v.MoveToOuterDisposeScope();
        return result;
    }

    /// <summary>
    /// The geodesic distance d = sqrt(Σ_spheres (r·θ)²), over the weight tensors only, with r the mean of the two
    /// radii (equal for networks normalized with the same settings) and θ from <see cref="Spheres.Angles"/>.
    /// </summary>
    public static double Distance(UnitLayout layout, IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var ra = Spheres.Rows(layout, a);
        var rb = Spheres.Rows(layout, b);
        var total = 0.0;
        using var half = 0.5.ToScalar();
        for (var k = 0; k < ra.Count; k++)
        {
            var radius = Spheres.RowNorms(ra[k].Rows).add(Spheres.RowNorms(rb[k].Rows), Scalars.One).mul(half);
            total += radius.mul(Spheres.Angles(ra[k].Rows, rb[k].Rows)).pow(Scalars.Two).sum().item<double>();
        }
        return Math.Sqrt(total);
    }

    /// <summary>Row-wise slerp of a, b: (n, f) float64 at fraction t.</summary>
    private static Tensor Slerp(Tensor a, Tensor b, double t)
    {
        var theta = Spheres.Angles(a, b);
        var sin = theta.sin();
        using var tiny = 1e-12.ToScalar();
        using var s = (1 - t).ToScalar();
        using var tt = t.ToScalar();
        var straight = theta.lt(tiny);
        var safeSin = where(straight, ones_like(sin), sin);
        var ca = where(straight, full_like(theta, s), theta.mul(s).sin().div(safeSin));
        var cb = where(straight, full_like(theta, tt), theta.mul(tt).sin().div(safeSin));
        return a.mul(ca.unsqueeze(1)).add(b.mul(cb.unsqueeze(1)), Scalars.One);
    }
}
