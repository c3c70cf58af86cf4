using Reproduce.Core.Numerics;
using TorchSharp;
using Reproduce.Core.Symmetry;
using static TorchSharp.torch;

namespace Reproduce.Core.Geometry;

/// <summary>
/// The plane through three networks (METHOD.md §4, Garipov et al.): w1 is the origin; Gram-Schmidt on
/// (w2 − w1, w3 − w1) gives the orthonormal u, v; the point at (x, y) is w1 + x·u + y·v.
/// The vectors are the flat concatenation of every floating-point tensor except the BN running buffers (those
/// are not parameters: points take w1's, to be recomputed on data); integer tensors are copied from w1.
/// Binary nets use their latent real weights, and their forward takes the sign at each point.
/// </summary>
public sealed class PlaneSection : IDisposable
{
    private readonly Dictionary<string, Tensor> origin;
    private readonly List<string> names;
    private readonly Tensor u;
    private readonly Tensor v;

    /// <summary>The coordinates (x, y) of w1, w2, w3 in the plane: (0, 0), (||w2 − w1||, 0), (w3−w1)·(u, v).</summary>
    public IReadOnlyList<(double X, double Y)> Coordinates { get; }

    /// <summary>Builds the basis. Fails when the three networks are collinear (w3 − w1 parallel to w2 − w1).</summary>
    public PlaneSection(UnitLayout layout, IReadOnlyDictionary<string, Tensor> w1, IReadOnlyDictionary<string, Tensor> w2, IReadOnlyDictionary<string, Tensor> w3)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var buffers = layout.BatchNormBuffers.ToHashSet();
        names = w1.Where(kv => kv.Value.is_floating_point() && !buffers.Contains(kv.Key)).Select(kv => kv.Key).ToList();
        origin = StateDicts.Clone(w1);
        var p1 = Flat(w1);
        var d2 = Flat(w2).sub(p1);
        var d3 = Flat(w3).sub(p1);
        var n2 = d2.norm().item<double>();
        if (n2 == 0) throw new ArgumentException("w2 equals w1: no plane", nameof(w2));
        using (var n2s = n2.ToScalar()) u = d2.div(n2s);
        var along = d3.dot(u).item<double>();
        Tensor rest;
        using (var alongs = along.ToScalar()) rest = d3.sub(u.mul(alongs));
        var n3 = rest.norm().item<double>();
        if (n3 <= 1e-12 * Math.Max(1, d3.norm().item<double>())) throw new ArgumentException("w1, w2, w3 are collinear: no plane", nameof(w3));
        using (var n3s = n3.ToScalar()) v = rest.div(n3s);
        Coordinates = [(0, 0), (n2, 0), (along, n3)];
        u.MoveToOuterDisposeScope();
        v.MoveToOuterDisposeScope();
        StateDicts.MoveOut(origin);
    }

    /// <summary>The network w1 + x·u + y·v, a new state dict with w1's names, shapes and dtypes.</summary>
    public Dictionary<string, Tensor> Point(double x, double y)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var xs = x.ToScalar();
        using var ys = y.ToScalar();
        var flat = Flat(origin).add(u.mul(xs), Scalars.One).add(v.mul(ys), Scalars.One);
        var result = StateDicts.Clone(origin);
        long offset = 0;
        foreach (var name in names)
        {
            var t = origin[name];
            result[name] = flat.narrow(0, offset, t.numel()).reshape(t.shape).to(t.dtype);
            offset += t.numel();
        }
        return StateDicts.MoveOut(result);
    }

    /// <summary>Disposes the basis and the stored origin.</summary>
    public void Dispose()
    {
        u.Dispose();
        v.Dispose();
        foreach (var t in origin.Values) t.Dispose();
    }

    private Tensor Flat(IReadOnlyDictionary<string, Tensor> sd) =>
        cat(names.Select(n => StateDicts.Get(sd, n).detach().to(ScalarType.Float64).flatten()).ToList(), 0);
}
