using Reproduce.Core.Models;

namespace Reproduce.Core.Symmetry;

/// <summary>
/// One small factory per architecture declaring its <see cref="UnitLayout"/> (the table of git-re-basin's
/// permutation specs). Names match the modules in <c>core/Models</c> and docs/architectures.md.
/// </summary>
public static partial class Layouts
{
    /// <summary>The layout of an architecture.</summary>
    public static UnitLayout For(Architecture arch) => arch.Kind switch
    {
        NetworkKind.Mlp => Mlp(arch.Sizes),
        NetworkKind.LeNet => LeNet(arch.Sizes[0], arch.Sizes[1], arch.Sizes[2], arch.Sizes[3], arch.Sizes[4], arch.Sizes[5]),
        NetworkKind.Vgg16Bn => Vgg16Bn(arch.Sizes[0], arch.Sizes[1]),
        NetworkKind.BinaryMlp => BinaryMlp(arch.Sizes),
        NetworkKind.BinaryConvNet => BinaryConvNet(arch.Sizes),
        NetworkKind.BinaryPerceptron => BinaryPerceptron(arch.Sizes[0]),
        NetworkKind.CommitteeMachine => CommitteeMachine(arch.Sizes[0], arch.Sizes[1]),
        _ => throw new ArgumentOutOfRangeException(nameof(arch), arch.Kind, null),
    };

    /// <summary>
    /// <see cref="Models.Mlp"/> [d_0..d_L]: group k = 0..L−2 is <c>layers.{k}</c> (d_{k+1} ReLU units): incoming
    /// <c>layers.{k}.weight</c> axis 0, bias <c>layers.{k}.bias</c>, outgoing <c>layers.{k+1}.weight</c> axis 1.
    /// Output <c>layers.{L−1}</c>.
    /// </summary>
    public static UnitLayout Mlp(IReadOnlyList<int> sizes) =>
        Dense(new Architecture(NetworkKind.Mlp, sizes).ToString(), sizes, "layers", UnitSymmetry.PositiveScale, withBias: true, binary: false);

    /// <summary>
    /// <see cref="Models.LeNet"/>: groups <c>conv1</c> (c1 filters → <c>conv2.weight</c> axis 1), <c>conv2</c>
    /// (c2 filters → <c>fc1.weight</c> axis 1, block P² after the pool and flatten), <c>fc1</c> (→ <c>fc2.weight</c>);
    /// all ReLU with biases. Output <c>fc2</c>.
    /// </summary>
    public static UnitLayout LeNet(int c1, int c2, int hidden, int classes, int inChannels, int imageSize)
    {
        var p = Models.LeNet.PooledSide(imageSize);
        var arch = new Architecture(NetworkKind.LeNet, [c1, c2, hidden, classes, inChannels, imageSize]).ToString();
        return new UnitLayout(arch, false,
        [
            Plain("conv1", c1, UnitSymmetry.PositiveScale, true, new UnitAxis("conv2.weight", 1)),
            Plain("conv2", c2, UnitSymmetry.PositiveScale, true, new UnitAxis("fc1.weight", 1, p * p)),
            Plain("fc1", hidden, UnitSymmetry.PositiveScale, true, new UnitAxis("fc2.weight", 1)),
        ], new OutputLayer("fc2.weight", "fc2.bias"));
    }

    /// <summary>
    /// <see cref="Models.Vgg16Bn"/>: 13 groups <c>features.{i}</c> (conv indices of <see cref="Models.Vgg16Bn.Convs"/>),
    /// each ReLU with conv bias and the BN at <c>features.{i+1}</c>, outgoing the next conv's weight axis 1, the last
    /// one <c>classifier.weight</c> axis 1 (block 1: the map is 1×1 after five pools). Output <c>classifier</c>.
    /// </summary>
    public static UnitLayout Vgg16Bn(int widthDivisor, int classes)
    {
        var convs = Models.Vgg16Bn.Convs(widthDivisor);
        var groups = new List<UnitGroup>();
        for (var b = 0; b < convs.Count; b++)
        {
            var (i, channels) = convs[b];
            var next = b + 1 < convs.Count ? $"features.{convs[b + 1].Index}.weight" : "classifier.weight";
            var bn = $"features.{i + 1}";
            groups.Add(new UnitGroup($"features.{i}", channels, UnitSymmetry.PositiveScale,
                [new UnitAxis($"features.{i}.weight", 0)], $"features.{i}.bias",
                new BatchNormTensors($"{bn}.weight", $"{bn}.bias", $"{bn}.running_mean", $"{bn}.running_var"),
                [new UnitAxis(next, 1)]));
        }
        var arch = new Architecture(NetworkKind.Vgg16Bn, [widthDivisor, classes]).ToString();
        return new UnitLayout(arch, false, groups, new OutputLayer("classifier.weight", "classifier.bias"));
    }

    /// <summary>A group whose incoming tensor is <c>{name}.weight</c> axis 0 (and bias <c>{name}.bias</c>).</summary>
    private static UnitGroup Plain(string name, int units, UnitSymmetry symmetry, bool withBias, params UnitAxis[] outgoing) =>
        new(name, units, symmetry, [new UnitAxis($"{name}.weight", 0)], withBias ? $"{name}.bias" : null, null, outgoing);

    /// <summary>Fully-connected layers <c>{prefix}.{k}</c> for k = 0..L−1, each hidden one feeding the next.</summary>
    private static UnitLayout Dense(string arch, IReadOnlyList<int> sizes, string prefix, UnitSymmetry symmetry, bool withBias, bool binary)
    {
        var last = sizes.Count - 2;
        var groups = Enumerable.Range(0, last)
            .Select(k => Plain($"{prefix}.{k}", sizes[k + 1], symmetry, withBias, new UnitAxis($"{prefix}.{k + 1}.weight", 1)))
            .ToList();
        return new UnitLayout(arch, binary, groups, new OutputLayer($"{prefix}.{last}.weight", withBias ? $"{prefix}.{last}.bias" : null));
    }
}
