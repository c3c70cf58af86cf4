using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Reproduce.Core.Models;

/// <summary>
/// Binary conv net (METHOD.md §7): two unpadded 5×5 conv layers, each followed by a 2×2 max-pool and the sign,
/// then fully-connected layers with sign hidden units; every weight is sign(latent) ∈ {±1}, the output layer too,
/// and there are no biases. Input x: (n, C_in, H, H). Sides: S1 = (H − 4) / 2, S2 = (S1 − 4) / 2.
/// Forward: sign(maxpool(conv1 x)) → sign(maxpool(conv2 ·)) → flatten → [sign(fc.k ·)]* → fc.last / √fan_in (output z).
/// Parameters (latent real weights): <c>conv1.weight</c> (c1, C_in, 5, 5), <c>conv2.weight</c> (c2, c1, 5, 5),
/// <c>fc.{k}.weight</c> (f_{k+1}, f_k) with f_0 = c2·S2² (channel i owns columns i·S2²..(i+1)·S2² − 1).
/// A filter's sign flip is not a symmetry here (max-pool is not odd), so alignment only permutes filters.
/// </summary>
public sealed class BinaryConvNet : Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Conv2d conv1;
    private readonly TorchSharp.Modules.Conv2d conv2;
    private readonly TorchSharp.Modules.ModuleList<TorchSharp.Modules.Linear> fc;

    /// <summary>Kernel side of both conv layers.</summary>
    public const int Kernel = 5;

    /// <summary>Input channels, input side, filters of conv1 and conv2, then fc widths ending with the outputs.</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>S2 = ((H − 4) / 2 − 4) / 2, the side of conv2's pooled map.</summary>
    public static int PooledSide(int imageSize) => ((imageSize - (Kernel - 1)) / 2 - (Kernel - 1)) / 2;

    /// <summary>sizes = [C_in, H, c1, c2, f_1, ..., f_out] (at least the output width after c2).</summary>
    public BinaryConvNet(IReadOnlyList<int> sizes) : base("BinaryConvNet")
    {
        if (sizes.Count < 5) throw new ArgumentException("a binary conv net needs [C_in, H, c1, c2, ..., outputs]", nameof(sizes));
        if (sizes.Any(s => s <= 0)) throw new ArgumentException("every size must be positive", nameof(sizes));
        if (PooledSide(sizes[1]) < 1) throw new ArgumentException($"image side {sizes[1]} is too small (needs ≥ 16)", nameof(sizes));
        Sizes = sizes.ToArray();
        conv1 = Conv2d(sizes[0], sizes[2], Kernel, bias: false);
        conv2 = Conv2d(sizes[2], sizes[3], Kernel, bias: false);
        var s = PooledSide(sizes[1]);
        var widths = new List<int> { sizes[3] * s * s };
        widths.AddRange(sizes.Skip(4));
        fc = new TorchSharp.Modules.ModuleList<TorchSharp.Modules.Linear>();
        for (var k = 0; k + 1 < widths.Count; k++) fc.Add(Linear(widths[k], widths[k + 1], hasBias: false));
        RegisterComponents();
    }

    /// <summary>x: (n, C_in, H, H) → z (n, f_out).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = functional.conv2d(x, Binarization.SignWeights(conv1.weight!));
        // Each pre-activation is divided by √fan_in before the sign: same sign, and the straight-through window |h| ≤ 1
        // within reach of sums of ±1 products. The output too: the prediction is unchanged and the loss sees logits of order 1.
        h = Binarization.SignActivation(Scaled(functional.max_pool2d(h, 2), Sizes[0] * Kernel * Kernel));
        h = functional.conv2d(h, Binarization.SignWeights(conv2.weight!));
        h = Binarization.SignActivation(Scaled(functional.max_pool2d(h, 2), Sizes[2] * Kernel * Kernel)).flatten(1);
        for (var k = 0; k < fc.Count; k++)
        {
            h = functional.linear(h, Binarization.SignWeights(fc[k].weight!));
            h = Scaled(h, fc[k].weight!.shape[1]);
            if (k + 1 < fc.Count) h = Binarization.SignActivation(h);
        }
        return h.MoveToOuterDisposeScope();
    }

    /// <summary>h / √fanIn (a new tensor), the Scalar held for the call.</summary>
    internal static Tensor Scaled(Tensor h, long fanIn)
    {
        using var root = Math.Sqrt(fanIn).ToScalar();
        return h.div(root);
    }
}
