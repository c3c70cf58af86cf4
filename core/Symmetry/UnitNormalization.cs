using Reproduce.Core.Models;
using Reproduce.Core.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Symmetry;

/// <summary>
/// Paper Alg. 1 (METHOD.md §2): puts every hidden unit on a sphere and the last layer on one more, without
/// changing any prediction. The result is the network's representative on the torus (a product of spheres).
/// </summary>
/// <remarks>
/// Continuous nets, for l = 1..L−1 in order (upward, so layer l+1's incoming vectors already carry layer l's
/// 1/s columns when they are measured): s_i = r_l / ||w_i||.
/// Without BN: w_i, b_i ← s_i·w_i, s_i·b_i and outgoing ← outgoing / s_i (ReLU is positively homogeneous).
/// With BN: the filter's scale is absorbed by BN: w_i, b_i, μ_i ← s_i·(w_i, b_i, μ_i), v_i ← s_i²·v_i (exact up
/// to BN's ε); then the ReLU scale c_i = a / ||(γ_i, β_i)|| (a = <see cref="NormalizationSettings.BatchNormAffineNorm"/>)
/// multiplies γ_i, β_i and divides the outgoing weights.
/// Last layer: weight and bias times c = r_L / ||W_L|| (argmax and sign are invariant under c &gt; 0).
/// Binary nets: the forward uses sign(latent), so the normalized network is the binary one itself: unit i's
/// weights become sign(w_i)·r_l/sqrt(fan_in), the output weight sign(W_L)·r_L/sqrt(#W_L); with the default norms
/// that is exactly the ±1 network. Signs are unchanged, so predictions are identical, and it is idempotent.
/// Units with a zero incoming vector are left as they are.
/// </remarks>
public static class UnitNormalization
{
    /// <summary>Normalizes <paramref name="sd"/> (not modified); returns a new state dict with every tensor, buffers included.</summary>
    public static Dictionary<string, Tensor> Normalize(UnitLayout layout, IReadOnlyDictionary<string, Tensor> sd, NormalizationSettings? settings = null)
    {
        settings ??= NormalizationSettings.Default;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var result = StateDicts.Clone(sd);
        if (layout.Binary) NormalizeBinary(layout, result, settings);
        else NormalizeContinuous(layout, result, settings);
        return StateDicts.MoveOut(result);
    }

    /// <summary>
    /// The same function as <paramref name="sd"/> (a continuous net; not modified) at the scale of two reference networks whose
    /// units are in the same order (e.g. A and B aligned to A): each hidden unit's incoming norm, and with batch norm its
    /// ‖(γ, β)‖, set to the mean of the references' for that unit, and the last layer's norm to the mean of theirs, by the
    /// symmetries normalization uses (so every prediction is unchanged). An optimized geodesic path's midpoint is trained at
    /// this scale, the one the SGD-type solutions' settings were made for: on the torus (norms √fan_in) logits are of order
    /// 10⁴ and SGD diverges.
    /// </summary>
    public static Dictionary<string, Tensor> ScaleLike(UnitLayout layout, IReadOnlyDictionary<string, Tensor> sd, IReadOnlyDictionary<string, Tensor> reference1,
        IReadOnlyDictionary<string, Tensor> reference2)
    {
        if (layout.Binary) throw new ArgumentException("binary nets have no scale symmetry", nameof(layout));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var result = StateDicts.Clone(sd);
        Tensor Mean(Tensor x, Tensor y) => x.add(y, Scalars.One).div(Scalars.Two);
        foreach (var group in layout.Groups)
        {
            var norms = UnitTransform.Incoming(result, group).norm(1, false, 2f).to(ScalarType.Float64);
            var target = Mean(UnitTransform.Incoming(reference1, group).norm(1, false, 2f).to(ScalarType.Float64),
                UnitTransform.Incoming(reference2, group).norm(1, false, 2f).to(ScalarType.Float64));
            var s = SafeRatio(target, norms);
            if (group.BatchNorm is not { } bn)
            {
                UnitTransform.ScaleUnits(result, group, s);
                continue;
            }
            UnitTransform.ScalePreActivations(result, group, s);
            var affineTarget = Mean(AffineNorms(reference1, bn), AffineNorms(reference2, bn));
            UnitTransform.ScaleUnits(result, group, SafeRatio(affineTarget, AffineNorms(result, bn)));
        }
        if (layout.Output.Weight is { } weight)
        {
            double Norm(IReadOnlyDictionary<string, Tensor> d) => StateDicts.Get(d, weight).to(ScalarType.Float64).pow(Scalars.Two).sum().sqrt().item<double>();
            var c = (Norm(reference1) + Norm(reference2)) / 2 / Norm(result);
            if (double.IsFinite(c))
            {
                using var factor = c.ToScalar();
                StateDicts.Get(result, weight).mul_(factor);
                if (layout.Output.Bias is { } bias) StateDicts.Get(result, bias).mul_(factor);
            }
        }
        return StateDicts.MoveOut(result);
    }

    private static Tensor AffineNorms(IReadOnlyDictionary<string, Tensor> sd, BatchNormTensors bn) =>
        StateDicts.Get(sd, bn.Weight).to(ScalarType.Float64).pow(Scalars.Two).add(StateDicts.Get(sd, bn.Bias).to(ScalarType.Float64).pow(Scalars.Two), Scalars.One).sqrt();

    private static void NormalizeContinuous(UnitLayout layout, Dictionary<string, Tensor> sd, NormalizationSettings settings)
    {
        foreach (var group in layout.Groups)
        {
            var w = UnitTransform.Incoming(sd, group);
            var norms = w.norm(1, false, 2f).to(ScalarType.Float64);
            var s = SafeRatio(settings.HiddenTarget(w.shape[1]), norms);
            if (group.BatchNorm is not { } bn)
            {
                UnitTransform.ScaleUnits(sd, group, s);
                continue;
            }
            UnitTransform.ScalePreActivations(sd, group, s);
            var gamma = StateDicts.Get(sd, bn.Weight).to(ScalarType.Float64);
            var beta = StateDicts.Get(sd, bn.Bias).to(ScalarType.Float64);
            var affine = gamma.pow(Scalars.Two).add(beta.pow(Scalars.Two), Scalars.One).sqrt();
            UnitTransform.ScaleUnits(sd, group, SafeRatio(settings.BatchNormAffineNorm, affine));
        }
        if (layout.Output.Weight is not { } weight) return;
        var wl = StateDicts.Get(sd, weight);
        var c = settings.OutputTarget(wl.numel()) / wl.to(ScalarType.Float64).pow(Scalars.Two).sum().sqrt().item<double>();
        if (!double.IsFinite(c)) return;
        using var factor = c.ToScalar();
        wl.mul_(factor);
        if (layout.Output.Bias is { } bias) StateDicts.Get(sd, bias).mul_(factor);
    }

    private static void NormalizeBinary(UnitLayout layout, Dictionary<string, Tensor> sd, NormalizationSettings settings)
    {
        foreach (var group in layout.Groups)
        {
            var w = UnitTransform.Incoming(sd, group);
            using var scale = (settings.HiddenTarget(w.shape[1]) / Math.Sqrt(w.shape[1])).ToScalar();
            UnitTransform.SetIncoming(sd, group, Binarization.Sign(w).mul(scale));
        }
        if (layout.Output.Weight is not { } weight) return;
        var wl = StateDicts.Get(sd, weight);
        using var outputScale = (settings.OutputTarget(wl.numel()) / Math.Sqrt(wl.numel())).ToScalar();
        sd[weight] = Binarization.Sign(wl).mul(outputScale);
    }

    /// <summary>target_i / x_i elementwise, 1 where x_i is 0. target, x: (units,) float64.</summary>
    private static Tensor SafeRatio(Tensor target, Tensor x) => where(x.gt(Scalars.Zero), target.div(x), ones_like(x));

    /// <summary>target / x elementwise, 1 where x is 0 (a dead unit keeps its weights). x: (units,) float64.</summary>
    private static Tensor SafeRatio(double target, Tensor x)
    {
        using var t = target.ToScalar();
        return where(x.gt(Scalars.Zero), x.reciprocal().mul(t), ones_like(x));
    }
}
