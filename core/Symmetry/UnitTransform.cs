using Reproduce.Core.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Symmetry;

/// <summary>
/// The elementary moves of a <see cref="UnitGroup"/>'s units on a working state dict: read and write the incoming
/// vectors, permute, rescale and flip units. The dictionary must own its tensors (a copy, as every caller here makes
/// one): rescaling and flipping multiply them in place (no 60 MB reallocation per VGG16 pass); permuting and
/// <see cref="SetIncoming"/> replace entries with new tensors created in the caller's dispose scope.
/// </summary>
public static class UnitTransform
{
    /// <summary>The units' incoming vectors W: (units, fan_in), the concatenation of each incoming tensor's slice.</summary>
    public static Tensor Incoming(IReadOnlyDictionary<string, Tensor> sd, UnitGroup group)
    {
        var parts = group.Incoming.Select(a => StateDicts.Get(sd, a.Tensor).movedim([a.Axis], [0]).reshape(group.Units, -1)).ToList();
        return parts.Count == 1 ? parts[0] : cat(parts, 1);
    }

    /// <summary>Writes W: (units, fan_in) back into the incoming tensors (inverse of <see cref="Incoming"/>), in each tensor's dtype.</summary>
    public static void SetIncoming(Dictionary<string, Tensor> sd, UnitGroup group, Tensor w)
    {
        long offset = 0;
        foreach (var a in group.Incoming)
        {
            var t = StateDicts.Get(sd, a.Tensor);
            var moved = t.movedim([a.Axis], [0]);
            var width = moved.numel() / group.Units;
            var slice = w.narrow(1, offset, width).reshape(moved.shape).movedim([0], [a.Axis]);
            sd[a.Tensor] = slice.to(t.dtype).contiguous();
            offset += width;
        }
    }

    /// <summary>
    /// Reorders the units: new unit i = old unit perm[i], in every tensor of <see cref="UnitGroup.AllAxes"/>
    /// (incoming rows, bias, BN parameters and buffers, outgoing blocks). perm: (units,) int64.
    /// </summary>
    public static void Permute(Dictionary<string, Tensor> sd, UnitGroup group, Tensor perm)
    {
        foreach (var a in group.AllAxes)
        {
            using var block = a.BlockSize.ToScalar();
            var index = perm.unsqueeze(1).mul(block).add(arange(Scalars.Zero, block, Scalars.One, ScalarType.Int64), Scalars.One).flatten();
            sd[a.Tensor] = StateDicts.Get(sd, a.Tensor).index_select(a.Axis, index);
        }
    }

    /// <summary>Multiplies unit i's slice of the tensor on axis <paramref name="a"/> by s_i, in place. s: (units,).</summary>
    public static void MultiplyAlong(Dictionary<string, Tensor> sd, UnitAxis a, Tensor s)
    {
        var t = StateDicts.Get(sd, a.Tensor);
        var shape = Enumerable.Repeat(1L, (int)t.dim()).ToArray();
        shape[a.Axis] = t.shape[a.Axis];
        t.mul_(s.repeat_interleave(a.BlockSize).reshape(shape).to(t.dtype));
    }

    /// <summary>
    /// Scales the pre-activation z_i by s_i &gt; 0: incoming w_i and bias b_i times s_i, and, with batch norm,
    /// μ_i times s_i and v_i times s_i² so that BN's output is unchanged (up to ε). s: (units,).
    /// </summary>
    public static void ScalePreActivations(Dictionary<string, Tensor> sd, UnitGroup group, Tensor s)
    {
        foreach (var a in group.Incoming) MultiplyAlong(sd, a, s);
        if (group.Bias is not null) MultiplyAlong(sd, new UnitAxis(group.Bias, 0), s);
        if (group.BatchNorm is { } bn)
        {
            MultiplyAlong(sd, new UnitAxis(bn.RunningMean, 0), s);
            MultiplyAlong(sd, new UnitAxis(bn.RunningVar, 0), s.pow(Scalars.Two));
        }
    }

    /// <summary>
    /// The ReLU symmetry (s_i &gt; 0): the unit's output is multiplied by s_i and its outgoing weights by 1/s_i, so the
    /// function is unchanged. Without BN this scales w_i, b_i; with BN it scales γ_i, β_i. s: (units,).
    /// </summary>
    public static void ScaleUnits(Dictionary<string, Tensor> sd, UnitGroup group, Tensor s)
    {
        if (group.BatchNorm is { } bn)
        {
            MultiplyAlong(sd, new UnitAxis(bn.Weight, 0), s);
            MultiplyAlong(sd, new UnitAxis(bn.Bias, 0), s);
        }
        else
        {
            foreach (var a in group.Incoming) MultiplyAlong(sd, a, s);
            if (group.Bias is not null) MultiplyAlong(sd, new UnitAxis(group.Bias, 0), s);
        }
        var inverse = s.reciprocal();
        foreach (var a in group.Outgoing) MultiplyAlong(sd, a, inverse);
    }

    /// <summary>
    /// The sign symmetry: multiplies unit i's incoming weights, bias and outgoing weights by f_i ∈ {±1}
    /// (sign(−z) = −sign(z)). f: (units,). Not defined for units with batch norm.
    /// </summary>
    public static void FlipUnits(Dictionary<string, Tensor> sd, UnitGroup group, Tensor f)
    {
        if (group.BatchNorm is not null) throw new InvalidOperationException($"group {group.Name}: sign flips with batch norm are not a symmetry");
        foreach (var a in group.Incoming.Concat(group.Outgoing)) MultiplyAlong(sd, a, f);
        if (group.Bias is not null) MultiplyAlong(sd, new UnitAxis(group.Bias, 0), f);
    }
}
