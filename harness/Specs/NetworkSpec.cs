namespace Reproduce.Harness.Specs;

/// <summary>The architecture and its sizes; input and output sizes follow from the data set (<c>TaskShape</c>).</summary>
/// <param name="Arch">mlp, lenet, vgg16bn, binary-mlp, binary-conv, perceptron or committee.</param>
/// <param name="Hidden">Hidden fc widths (mlp, binary-mlp, binary-conv; lenet: its one fc layer); empty where unused.</param>
/// <param name="Channels">Conv filters [c1, c2] (lenet, binary-conv); empty where unused.</param>
/// <param name="K">Committee machine hidden units (0 where unused).</param>
/// <param name="WidthDivisor">VGG16-BN channel divisor (1 where unused).</param>
public sealed record NetworkSpec(string Arch, IReadOnlyList<int> Hidden, IReadOnlyList<int> Channels, int K, int WidthDivisor)
{
    /// <summary>True for the sign-weight nets.</summary>
    public bool IsBinary => SpecDefaults.BinaryArchitectures.Contains(Arch);
}
