using Reproduce.Core.Assignment;
using Reproduce.Core.Numerics;
using static TorchSharp.torch;

namespace Reproduce.Core.Symmetry;

/// <summary>
/// Paper Alg. 2 (METHOD.md §3): aligns network B to network A layer by layer by matching incoming weight vectors.
/// </summary>
/// <remarks>
/// For each hidden group l in order: C_ij = cos(w_i^A, w_j^B), where B's vectors already carry the permutation of
/// group l−1 on their input axis (it was applied to B's outgoing tensors). π_l = argmax_π Σ_i C_{i,π(i)}, solved by
/// <see cref="LinearAssignment"/>; for sign units on |C_ij|, then unit i is flipped (incoming and outgoing) where
/// C_{i,π(i)} &lt; 0. π_l is applied to B's rows, bias, BN parameters and buffers, and to the input axis of what
/// reads the group. The last layer is not permuted. A permuted (rescaled, flipped) copy of A aligns back to A.
/// Cost: one (N_l × fan_in)·(fan_in × N_l) product and one N_l × N_l assignment per group.
/// </remarks>
public static class WeightMatching
{
    /// <summary>
    /// Aligns <paramref name="b"/> to <paramref name="a"/> (neither modified). For the geodesic case pass both normalized
    /// (<see cref="UnitNormalization"/>); for linear-aligned paths pass the raw networks.
    /// </summary>
    public static Alignment Align(UnitLayout layout, IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        // Starts by sharing b's tensors: every permuted tensor is a new one (index_select), flips touch only those, and
        // what no group touches is copied at the end. This saves one full copy of the network.
        var work = b.ToDictionary(kv => kv.Key, kv => kv.Value);
        var groups = new List<GroupAlignment>();
        foreach (var group in layout.Groups)
        {
            var cos = Cosines(UnitTransform.Incoming(a, group), UnitTransform.Incoming(work, group));
            var sign = group.Symmetry == UnitSymmetry.Sign;
            var matrix = ToArray(sign ? cos.abs() : cos);
            var pi = LinearAssignment.Solve(matrix, maximize: true);
            var perm = tensor(pi.Select(p => (long)p).ToArray(), ScalarType.Int64);
            UnitTransform.Permute(work, group, perm);
            var matched = cos.gather(1, perm.unsqueeze(1)).squeeze(1);
            bool[]? flips = null;
            if (sign)
            {
                var flip = matched.lt(Scalars.Zero);
                flips = flip.data<bool>().ToArray();
                if (flips.Any(f => f))
                {
                    using var minusOne = tensor(-1.0);
                    using var one = tensor(1.0);
                    UnitTransform.FlipUnits(work, group, where(flip, minusOne, one).to(ScalarType.Float64));
                    matched = matched.abs();
                }
            }
            groups.Add(new GroupAlignment(group.Name, pi, flips, matched.data<double>().ToArray()));
        }
        foreach (var (name, t) in b)
            if (ReferenceEquals(work[name], t)) work[name] = t.detach().clone();
        return new Alignment(StateDicts.MoveOut(work), groups);
    }

    /// <summary>
    /// Applies an alignment found on other copies of the same units (e.g. the normalized networks' <paramref name="groups"/>)
    /// to <paramref name="b"/> (not modified): each group's permutation, then its flips, in layout order, as
    /// <see cref="Align"/> applied them. A binary net's latent weights aligned with the permutation its signs were matched by.
    /// </summary>
    public static Dictionary<string, Tensor> Apply(UnitLayout layout, IReadOnlyDictionary<string, Tensor> b, IReadOnlyList<GroupAlignment> groups)
    {
        if (groups.Count != layout.Groups.Count)
            throw new ArgumentException($"{groups.Count} group alignments for {layout.Groups.Count} groups", nameof(groups));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var work = StateDicts.Clone(b);
        for (var i = 0; i < groups.Count; i++)
        {
            var (group, g) = (layout.Groups[i], groups[i]);
            if (g.Group != group.Name) throw new ArgumentException($"alignment {i} is for group '{g.Group}', the layout's is '{group.Name}'", nameof(groups));
            var units = UnitTransform.Incoming(work, group).shape[0];
            if (g.Permutation.Length != units)
                throw new ArgumentException($"group '{g.Group}': a permutation of {g.Permutation.Length} units for {units}", nameof(groups));
            UnitTransform.Permute(work, group, tensor(g.Permutation.Select(p => (long)p).ToArray(), ScalarType.Int64));
            if (g.Flips is { } flips && flips.Any(f => f))
                UnitTransform.FlipUnits(work, group, tensor(flips.Select(f => f ? -1.0 : 1.0).ToArray(), ScalarType.Float64));
        }
        return StateDicts.MoveOut(work);
    }

    /// <summary>
    /// C = Â·B̂ᵀ with rows scaled to unit norm. a, b: (n, f) → (n, n) float64; a zero row gives 0. The product runs in
    /// float64 when both inputs are float64, else in float32 (our nets: |error| ~ 1e-7, far below any gap the matching must resolve, and
    /// half the cost of float64 on the 512 × 4608 filters of VGG16).
    /// </summary>
    public static Tensor Cosines(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        // A·Bᵀ / (|a_i| |b_j|): dividing the small (n, n) product avoids two row-normalized copies of A and B.
        // float64 inputs keep float64; float32, float16 and bfloat16 multiply in float32 (half mm is slow or missing on CPU).
        var dtype = a.dtype == ScalarType.Float64 && b.dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        a = a.to(dtype);
        b = b.to(dtype);
        var na = InverseNorms(a).unsqueeze(1);
        var nb = InverseNorms(b).unsqueeze(0);
        return a.mm(b.t()).to(ScalarType.Float64).mul(na).mul(nb).MoveToOuterDisposeScope();
    }

    private static Tensor InverseNorms(Tensor m)
    {
        var norms = m.norm(1, false, 2f).to(ScalarType.Float64);
        return where(norms.gt(Scalars.Zero), norms.reciprocal(), zeros_like(norms));
    }

    private static double[,] ToArray(Tensor m)
    {
        var n = (int)m.shape[0];
        var cols = (int)m.shape[1];
        var flat = m.contiguous().data<double>().ToArray();
        var result = new double[n, cols];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }
}
