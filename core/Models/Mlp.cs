using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Reproduce.Core.Models;

/// <summary>
/// Multi-layer perceptron with ReLU hidden units: sizes [d_0, d_1, ..., d_L], layer k maps d_k → d_{k+1}.
/// Parameters are named <c>layers.{k}.weight</c> (d_{k+1}, d_k) and <c>layers.{k}.bias</c> (d_{k+1}),
/// PyTorch's names for a ModuleList of Linear layers, so a PyTorch state dict loads as it is.
/// Input (n, ...) is flattened to (n, d_0); output (n, d_L) logits.
/// </summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.ModuleList<Module<Tensor, Tensor>> layers;

    /// <summary>Layer sizes, input first, output last.</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>Creates the network with PyTorch's default Linear initialization (Kaiming-uniform, a = √5).</summary>
    public Mlp(IReadOnlyList<int> sizes) : base("Mlp")
    {
        if (sizes.Count < 2) throw new ArgumentException("an MLP needs at least an input and an output size", nameof(sizes));
        if (sizes.Any(s => s <= 0)) throw new ArgumentException("every layer size must be positive", nameof(sizes));
        Sizes = sizes.ToArray();
        layers = new TorchSharp.Modules.ModuleList<Module<Tensor, Tensor>>();
        for (var k = 0; k + 1 < sizes.Count; k++) layers.Add(Linear(sizes[k], sizes[k + 1]));
        RegisterComponents();
    }

    /// <summary>x: (n, ...) → logits (n, d_L).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x.flatten(1);
        for (var k = 0; k < layers.Count; k++)
        {
            h = layers[k].call(h);
            if (k + 1 < layers.Count) h = functional.relu(h);
        }
        return h.MoveToOuterDisposeScope();
    }
}
