using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Reproduce.Core.Models;

/// <summary>
/// Binary perceptron (METHOD.md §7, on the Hidden Manifold Model): one unit with weights sign(latent) ∈ {±1}^N and
/// no bias. Input (n, N); output z: (n, 1) = x · sign(w); the prediction is sign(z).
/// Parameter: <c>fc.weight</c> (1, N), the latent real weights. There is no hidden unit, so no symmetry to remove.
/// </summary>
public sealed class BinaryPerceptron : Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Linear fc;

    /// <summary>Input dimension N.</summary>
    public int Inputs { get; }

    /// <summary>Creates the perceptron; latent weights start as PyTorch's default Linear initialization.</summary>
    public BinaryPerceptron(int inputs) : base("BinaryPerceptron")
    {
        if (inputs <= 0) throw new ArgumentException("the input dimension must be positive", nameof(inputs));
        Inputs = inputs;
        fc = Linear(inputs, 1, hasBias: false);
        RegisterComponents();
    }

    /// <summary>x: (n, N) → z (n, 1).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return functional.linear(x.flatten(1), Binarization.SignWeights(fc.weight!)).MoveToOuterDisposeScope();
    }
}
