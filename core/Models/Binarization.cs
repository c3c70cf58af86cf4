using Reproduce.Core.Numerics;
using static TorchSharp.torch;

namespace Reproduce.Core.Models;

/// <summary>
/// The sign used by the binary networks: sign(x) = +1 for x ≥ 0 and −1 for x &lt; 0 (never 0, unlike torch.sign),
/// so a binary weight or activation is always ±1.
/// </summary>
public static class Binarization
{
    /// <summary>sign(x) elementwise, same shape and dtype as x, no gradient.</summary>
    public static Tensor Sign(Tensor x)
    {
        using var scope = NewDisposeScope();
        return where(x.ge(Scalars.Zero), ones_like(x), ones_like(x).neg()).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// sign(w) in the forward pass with the straight-through estimator for weights: the gradient with respect to
    /// the latent w is passed unchanged. Value: sign(w); shape of w.
    /// </summary>
    public static Tensor SignWeights(Tensor w)
    {
        using var scope = NewDisposeScope();
        return w.add(Sign(w).sub(w).detach(), Scalars.One).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// sign(x) in the forward pass with the straight-through estimator for activations: the gradient is that of
    /// hardtanh(x) (1 on |x| ≤ 1, 0 outside). Value: sign(x); shape of x.
    /// </summary>
    public static Tensor SignActivation(Tensor x)
    {
        using var scope = NewDisposeScope();
        // hardtanh as a clamp: TorchSharp 0.107's functional.hardtanh leaks native memory on every call (about 1.3 MB per
        // 128×501 minibatch, measured), which ran a long process out of memory; the clamp's gradient equals hardtanh's except at
        // exactly ±1.
        var clipped = x.clamp(Scalars.MinusOne, Scalars.One);
        return clipped.add(Sign(x).sub(clipped).detach(), Scalars.One).MoveToOuterDisposeScope();
    }
}
