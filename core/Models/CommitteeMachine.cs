using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Reproduce.Core.Models;

/// <summary>
/// Binary committee machine (METHOD.md §7): K hidden sign units with weights sign(latent) ∈ {±1}^N, no biases, and
/// output weights fixed to +1 (a constant, not a parameter). Input (n, N); output z: (n, 1) = Σ_k sign(x·sign(w_k));
/// the prediction is sign(z) (K odd keeps z ≠ 0).
/// Parameter: <c>hidden.weight</c> (K, N), the latent real weights. The fixed +1 output weights break the sign
/// symmetry of the hidden units; only their permutation remains.
/// </summary>
public sealed class CommitteeMachine : Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Linear hidden;

    /// <summary>Input dimension N.</summary>
    public int Inputs { get; }

    /// <summary>Number of hidden units K (R: 7).</summary>
    public int HiddenUnits { get; }

    /// <summary>Creates the machine; latent weights start as PyTorch's default Linear initialization.</summary>
    public CommitteeMachine(int inputs, int hiddenUnits = 7) : base("CommitteeMachine")
    {
        if (inputs <= 0 || hiddenUnits <= 0) throw new ArgumentException("N and K must be positive");
        Inputs = inputs;
        HiddenUnits = hiddenUnits;
        hidden = Linear(inputs, hiddenUnits, hasBias: false);
        RegisterComponents();
    }

    /// <summary>x: (n, N) → z (n, 1) = Σ_k sign(sign(W) x)_k.</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        // Dividing by √N leaves the sign unchanged and puts the straight-through window |h| ≤ 1 within reach.
        var h = Binarization.SignActivation(BinaryConvNet.Scaled(functional.linear(x.flatten(1), Binarization.SignWeights(hidden.weight!)), Inputs));
        return h.sum(1, keepdim: true).MoveToOuterDisposeScope();
    }
}
