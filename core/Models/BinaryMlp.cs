using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Reproduce.Core.Models;

/// <summary>
/// Binary multi-layer perceptron (METHOD.md §7, binary MLP a and b): sizes [d_0, ..., d_L], every weight used as
/// sign(latent) ∈ {±1} (output layer included), no biases, sign hidden units. Input (n, ...) is flattened to
/// (n, d_0); output z: (n, d_L) = the last layer's pre-activations / √d_{L-1}; the prediction is argmax (d_L &gt; 1) or the
/// sign (d_L = 1, binary tasks), see <see cref="Prediction"/>.
/// Parameters: <c>layers.{k}.weight</c> (d_{k+1}, d_k), the latent real weights; the state dict holds these,
/// the forward uses their signs (straight-through estimator for training, so eval and train give the same value).
/// Odd hidden widths keep pre-activations of ±1 inputs away from 0, where the sign symmetry would be inexact.
/// </summary>
public sealed class BinaryMlp : Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.ModuleList<TorchSharp.Modules.Linear> layers;

    /// <summary>Layer sizes, input first, output last.</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>Creates the net; latent weights start as PyTorch's default Linear initialization.</summary>
    public BinaryMlp(IReadOnlyList<int> sizes) : base("BinaryMlp")
    {
        if (sizes.Count < 2) throw new ArgumentException("a binary MLP needs at least an input and an output size", nameof(sizes));
        if (sizes.Any(s => s <= 0)) throw new ArgumentException("every layer size must be positive", nameof(sizes));
        Sizes = sizes.ToArray();
        layers = new TorchSharp.Modules.ModuleList<TorchSharp.Modules.Linear>();
        for (var k = 0; k + 1 < sizes.Count; k++) layers.Add(Linear(sizes[k], sizes[k + 1], hasBias: false));
        RegisterComponents();
    }

    /// <summary>x: (n, ...) → z (n, d_L); hidden h_{k+1} = sign(sign(W_k) h_k).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x.flatten(1);
        for (var k = 0; k < layers.Count; k++)
        {
            h = functional.linear(h, Binarization.SignWeights(layers[k].weight!));
            // Dividing by √fan_in leaves the sign unchanged and puts the straight-through window |h| ≤ 1 where the
            // pre-activations of ±1 inputs and ±1 weights (of size ~√fan_in) can reach it.
            if (k + 1 < layers.Count) h = Binarization.SignActivation(BinaryConvNet.Scaled(h, Sizes[k]));
        }
        // The output pre-activations are divided by √fan_in too: the prediction (argmax or sign) is unchanged, and the loss
        // sees logits of order 1 instead of order √fan_in, where cross-entropy saturates and training stalls.
        h = BinaryConvNet.Scaled(h, Sizes[^2]);
        return h.MoveToOuterDisposeScope();
    }
}
