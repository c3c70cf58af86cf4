using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Reproduce.Core.Models;

/// <summary>
/// VGG16 with batch norm, CIFAR variant (METHOD.md §7): 13 blocks conv3×3 (padding 1) → BatchNorm2d → ReLU with
/// the channel plan 64,64,M,128,128,M,256,256,256,M,512,512,512,M,512,512,512,M (M = 2×2 max-pool), then a linear
/// head 512 → classes. Input x: (n, 3, 32, 32); after five pools the map is 1×1, so the flatten block is 1.
/// Channels are divided by <see cref="WidthDivisor"/> (1 for the paper; larger for fast tests).
/// Parameters and buffers, with PyTorch's Sequential indices (torchvision's vgg16_bn numbering):
/// for conv block b at index i of <c>features</c>: <c>features.{i}.weight</c> (c_b, c_{b−1}, 3, 3),
/// <c>features.{i}.bias</c> (c_b), and its BN at i+1: <c>features.{i+1}.weight</c>, <c>.bias</c>,
/// <c>.running_mean</c>, <c>.running_var</c> (c_b), <c>.num_batches_tracked</c> (); the head <c>classifier.weight</c>
/// (classes, c_13), <c>classifier.bias</c> (classes). Conv indices: 0,3,7,10,14,17,20,24,27,30,34,37,40.
/// </summary>
public sealed class Vgg16Bn : Module<Tensor, Tensor>
{
    /// <summary>The CIFAR VGG16 plan: a channel count per conv, 0 for a 2×2 max-pool.</summary>
    public static readonly IReadOnlyList<int> Plan = [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0];

    private readonly TorchSharp.Modules.Sequential features;
    private readonly TorchSharp.Modules.Linear classifier;

    /// <summary>Every channel count of <see cref="Plan"/> is divided by this (at least 1 channel).</summary>
    public int WidthDivisor { get; }

    /// <summary>Batch norm's ε, as PyTorch's default.</summary>
    public const double BatchNormEps = 1e-5;

    /// <summary>The conv layers: index in <c>features</c> and channel count, in order (13 entries).</summary>
    public static IReadOnlyList<(int Index, int Channels)> Convs(int widthDivisor)
    {
        var convs = new List<(int, int)>();
        var index = 0;
        foreach (var c in Plan)
        {
            if (c == 0) { index += 1; continue; }
            convs.Add((index, Math.Max(1, c / widthDivisor)));
            index += 3;
        }
        return convs;
    }

    /// <summary>Creates the net with PyTorch's default initialization; BN starts at γ = 1, β = 0, μ = 0, v = 1.</summary>
    public Vgg16Bn(int widthDivisor = 1, int classes = 10) : base("Vgg16Bn")
    {
        if (widthDivisor < 1) throw new ArgumentException("the width divisor must be ≥ 1", nameof(widthDivisor));
        if (classes < 1) throw new ArgumentException("classes must be ≥ 1", nameof(classes));
        WidthDivisor = widthDivisor;
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        var inChannels = 3;
        foreach (var c in Plan)
        {
            if (c == 0) { layers.Add(($"{layers.Count}", MaxPool2d(2))); continue; }
            var channels = Math.Max(1, c / widthDivisor);
            layers.Add(($"{layers.Count}", Conv2d(inChannels, channels, 3, padding: 1)));
            layers.Add(($"{layers.Count}", new BatchNorm2d(channels, eps: BatchNormEps)));
            layers.Add(($"{layers.Count}", ReLU()));
            inChannels = channels;
        }
        features = Sequential(layers);
        classifier = Linear(inChannels, classes);
        RegisterComponents();
    }

    /// <summary>x: (n, 3, 32, 32) → logits (n, classes).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return classifier.call(features.call(x).flatten(1)).MoveToOuterDisposeScope();
    }
}
