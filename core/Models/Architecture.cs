using System.Globalization;
using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace Reproduce.Core.Models;

/// <summary>
/// A network architecture: its kind and sizes, written <c>name:size,size,...</c> (docs/architectures.md).
/// Forms, with the meaning of <see cref="Sizes"/> (defaults filled in by <see cref="Parse"/>):
/// <c>mlp:d0,...,dL</c>; <c>lenet[:c1,c2,hidden,classes[,in_channels,image_size]]</c> (default 32,64,128,10,1,28);
/// <c>vgg16bn[:width_divisor[,classes]]</c> (default 1,10); <c>binary-mlp:d0,...,dL</c>;
/// <c>binary-conv:in_channels,image_size,c1,c2,f1,...,outputs</c>; <c>perceptron:N</c>; <c>committee:N[,K]</c> (K 7).
/// </summary>
/// <param name="Kind">Which network.</param>
/// <param name="Sizes">Its sizes, in the order of the written form, defaults included.</param>
public sealed record Architecture(NetworkKind Kind, IReadOnlyList<int> Sizes)
{
    private static readonly (NetworkKind Kind, string Name)[] Names =
    [
        (NetworkKind.Mlp, "mlp"), (NetworkKind.LeNet, "lenet"), (NetworkKind.Vgg16Bn, "vgg16bn"),
        (NetworkKind.BinaryMlp, "binary-mlp"), (NetworkKind.BinaryConvNet, "binary-conv"),
        (NetworkKind.BinaryPerceptron, "perceptron"), (NetworkKind.CommitteeMachine, "committee"),
    ];

    /// <summary>The written name of <see cref="Kind"/>, e.g. <c>binary-mlp</c>.</summary>
    public string Name => Names.First(n => n.Kind == Kind).Name;

    /// <summary>Whether the network uses sign(latent) weights (the binary nets).</summary>
    public bool IsBinary => Kind is NetworkKind.BinaryMlp or NetworkKind.BinaryConvNet or NetworkKind.BinaryPerceptron or NetworkKind.CommitteeMachine;

    /// <summary>
    /// Creates the module with PyTorch's default initialization drawn from <paramref name="generator"/>
    /// (<see cref="DefaultInitialization"/>), on the CPU: the initial weights depend on the generator alone.
    /// </summary>
    public Module<Tensor, Tensor> Create(TorchSharp.torch.Generator generator)
    {
        var module = Create();
        DefaultInitialization.Apply(module, generator);
        return module;
    }

    /// <summary>
    /// Creates the module, its state dict with the documented names, to load a state into: its values are the module
    /// constructors' draws from libtorch's global generator, which depend on whatever else draws from it; use
    /// <see cref="Create(TorchSharp.torch.Generator)"/> for initial weights.
    /// </summary>
    public Module<Tensor, Tensor> Create() => Kind switch
    {
        NetworkKind.Mlp => new Mlp(Sizes),
        NetworkKind.LeNet => new LeNet(Sizes[0], Sizes[1], Sizes[2], Sizes[3], Sizes[4], Sizes[5]),
        NetworkKind.Vgg16Bn => new Vgg16Bn(Sizes[0], Sizes[1]),
        NetworkKind.BinaryMlp => new BinaryMlp(Sizes),
        NetworkKind.BinaryConvNet => new BinaryConvNet(Sizes),
        NetworkKind.BinaryPerceptron => new BinaryPerceptron(Sizes[0]),
        NetworkKind.CommitteeMachine => new CommitteeMachine(Sizes[0], Sizes[1]),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    /// <summary>The input shape of one example, e.g. [1, 28, 28] for the default LeNet or [784] for an MLP.</summary>
    public long[] InputShape => Kind switch
    {
        NetworkKind.LeNet => [Sizes[4], Sizes[5], Sizes[5]],
        NetworkKind.Vgg16Bn => [3, 32, 32],
        NetworkKind.BinaryConvNet => [Sizes[0], Sizes[1], Sizes[1]],
        _ => [Sizes[0]],
    };

    /// <summary>Equal kinds and equal sizes, element by element (the list itself is not compared by reference).</summary>
    public bool Equals(Architecture? other) => other is not null && Kind == other.Kind && Sizes.SequenceEqual(other.Sizes);

    /// <summary>Hash of the written form, consistent with <see cref="Equals(Architecture?)"/>.</summary>
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>The written form with every size, e.g. <c>mlp:784,500,500,10</c>; <see cref="Parse"/> reads it back.</summary>
    public override string ToString() => $"{Name}:{string.Join(",", Sizes.Select(s => s.ToString(CultureInfo.InvariantCulture)))}";

    /// <summary>Reads the written form. Throws <see cref="FormatException"/> naming what is wrong and the expected form.</summary>
    public static Architecture Parse(string text)
    {
        var colon = text.IndexOf(':');
        var name = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant();
        var sizes = new List<int>();
        if (colon >= 0)
        {
            foreach (var part in text[(colon + 1)..].Split(','))
            {
                if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v <= 0)
                    throw new FormatException($"'{text}': '{part}' is not a positive integer size");
                sizes.Add(v);
            }
        }
        var match = Names.Where(n => n.Name == name).ToList();
        if (match.Count == 0)
            throw new FormatException($"'{text}': unknown architecture '{name}' (known: {string.Join(", ", Names.Select(n => n.Name))})");
        var kind = match[0].Kind;
        var filled = kind switch
        {
            NetworkKind.Mlp or NetworkKind.BinaryMlp => Need(sizes, sizes.Count >= 2, "d0,d1,...,dL (at least two sizes)"),
            NetworkKind.LeNet => sizes.Count == 0 ? [32, 64, 128, 10, 1, 28]
                : sizes.Count == 4 ? [.. sizes, 1, 28] : Need(sizes, sizes.Count == 6, "c1,c2,hidden,classes[,in_channels,image_size]"),
            NetworkKind.Vgg16Bn => sizes.Count == 0 ? [1, 10] : sizes.Count == 1 ? [sizes[0], 10]
                : Need(sizes, sizes.Count == 2, "width_divisor[,classes]"),
            NetworkKind.BinaryConvNet => Need(sizes, sizes.Count >= 5, "in_channels,image_size,c1,c2,f1,...,outputs"),
            NetworkKind.BinaryPerceptron => Need(sizes, sizes.Count == 1, "N"),
            NetworkKind.CommitteeMachine => sizes.Count == 1 ? [sizes[0], 7] : Need(sizes, sizes.Count == 2, "N[,K]"),
            _ => throw new ArgumentOutOfRangeException(nameof(text)),
        };
        return new Architecture(kind, filled);

        List<int> Need(List<int> s, bool ok, string form) =>
            ok ? s : throw new FormatException($"'{text}': {name} takes sizes {name}:{form}");
    }
}
