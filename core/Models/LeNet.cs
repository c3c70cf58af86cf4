using Reproduce.Core.Numerics;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Reproduce.Core.Models;

/// <summary>
/// LeNet-like net of the paper (METHOD.md §7, R): two unpadded 5×5 conv layers, one 2×2 max-pool, one hidden
/// fully-connected layer, a linear output. Input x: (n, C_in, H, H) with H the image side (28 for MNIST).
/// Forward: conv1 → ReLU → conv2 → ReLU → maxpool 2 → flatten → fc1 → ReLU → fc2 (logits).
/// The pool sits after the second conv only, as the paper's text ("two conv layers, a maxpool and one fc layer").
/// Parameters (PyTorch names): <c>conv1.weight</c> (c1, C_in, 5, 5), <c>conv1.bias</c> (c1),
/// <c>conv2.weight</c> (c2, c1, 5, 5), <c>conv2.bias</c> (c2), <c>fc1.weight</c> (hidden, c2·P·P),
/// <c>fc1.bias</c> (hidden), <c>fc2.weight</c> (classes, hidden), <c>fc2.bias</c> (classes), with
/// P = (H − 8) / 2 the side after the pool; the flatten gives channel i the columns i·P²..(i+1)·P² − 1 of fc1.
/// </summary>
public sealed class LeNet : Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Conv2d conv1;
    private readonly TorchSharp.Modules.Conv2d conv2;
    private readonly TorchSharp.Modules.Linear fc1;
    private readonly TorchSharp.Modules.Linear fc2;

    /// <summary>Kernel side of both conv layers.</summary>
    public const int Kernel = 5;

    /// <summary>Filters of conv1 and conv2, hidden fc units, classes, input channels, input side.</summary>
    public (int C1, int C2, int Hidden, int Classes, int InChannels, int ImageSize) Shape { get; }

    /// <summary>Side of the feature map after conv2 and the pool: (H − 2·(5 − 1)) / 2.</summary>
    public int PooledSize => PooledSide(Shape.ImageSize);

    /// <summary>(H − 8) / 2, the side after two unpadded 5×5 convs and a 2×2 pool.</summary>
    public static int PooledSide(int imageSize) => (imageSize - 2 * (Kernel - 1)) / 2;

    /// <summary>Creates the net with PyTorch's default initialization. Paper default: (32, 64, 128, 10, 1, 28).</summary>
    public LeNet(int c1 = 32, int c2 = 64, int hidden = 128, int classes = 10, int inChannels = 1, int imageSize = 28) : base("LeNet")
    {
        if (new[] { c1, c2, hidden, classes, inChannels }.Any(v => v <= 0)) throw new ArgumentException("every LeNet size must be positive");
        if (PooledSide(imageSize) < 1) throw new ArgumentException($"image side {imageSize} is too small for two 5×5 convs and a pool (needs ≥ 10)");
        Shape = (c1, c2, hidden, classes, inChannels, imageSize);
        conv1 = Conv2d(inChannels, c1, Kernel);
        conv2 = Conv2d(c1, c2, Kernel);
        var p = PooledSide(imageSize);
        fc1 = Linear(c2 * p * p, hidden);
        fc2 = Linear(hidden, classes);
        RegisterComponents();
    }

    /// <summary>x: (n, C_in, H, H) → logits (n, classes).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = functional.relu(conv1.call(x));
        h = functional.relu(conv2.call(h));
        h = functional.max_pool2d(h, 2).flatten(1);
        // The fully-connected layers' products through MatrixProducts (OpenBLAS where faster here, issue 17).
        h = functional.relu(MatrixProducts.Linear(h, fc1.weight, fc1.bias));
        return MatrixProducts.Linear(h, fc2.weight, fc2.bias).MoveToOuterDisposeScope();
    }
}
