using Reproduce.Harness.Specs.Yaml;

namespace Reproduce.Harness.Specs;

/// <summary>
/// Reads the <c>network</c> section strictly: <c>arch</c>, then only the size fields that architecture has (any other key
/// fails as unknown), and checks that the architecture fits the data set.
/// </summary>
internal static class NetworkBinder
{
    /// <summary>Binds <paramref name="n"/> for a spec on <paramref name="dataset"/>.</summary>
    public static NetworkSpec Bind(MappingReader n, string dataset)
    {
        var arch = n.Choice("arch", "mlp", SpecDefaults.Architectures);
        IReadOnlyList<int> None = [];
        var spec = arch switch
        {
            "mlp" => new NetworkSpec(arch, Hidden(n, SpecDefaults.MlpHidden, 0), None, 0, 1),
            "binary-mlp" => new NetworkSpec(arch, Hidden(n, SpecDefaults.BinaryMlpHidden, 0), None, 0, 1),
            "lenet" => new NetworkSpec(arch, Hidden(n, SpecDefaults.LeNetHidden, 1), Channels(n, SpecDefaults.LeNetChannels), 0, 1),
            "binary-conv" => new NetworkSpec(arch, Hidden(n, SpecDefaults.BinaryConvHidden, 0), Channels(n, SpecDefaults.BinaryConvChannels), 0, 1),
            "vgg16bn" => new NetworkSpec(arch, None, None, 0, n.Int("width_divisor", SpecDefaults.VggWidthDivisor, 1, 64, size: true)),
            "committee" => new NetworkSpec(arch, None, None, n.Int("k", SpecDefaults.CommitteeK, 1, 100_001, size: true), 1),
            _ => new NetworkSpec(arch, None, None, 0, 1),
        };
        n.Finish();

        var binaryTask = dataset is "mnist-parity" or "hmm";
        var images = dataset != "hmm";
        string? problem = arch switch
        {
            "perceptron" or "committee" when !binaryTask => "needs a binary task (mnist-parity or hmm): it has one sign output",
            "lenet" or "binary-conv" when !images => $"needs image data, but {dataset} gives vectors",
            "vgg16bn" when dataset != "cifar10" => "is the CIFAR variant: it needs data.dataset cifar10",
            _ => null,
        };
        if (problem is not null) throw n.ErrorAt("arch", $"{arch} {problem}");
        return spec;
    }

    /// <summary>Hidden widths: exactly <paramref name="count"/> of them when count &gt; 0, else 1..64.</summary>
    private static IReadOnlyList<int> Hidden(MappingReader n, IReadOnlyList<int> fallback, int count) =>
        n.IntList("hidden", fallback, 1, 1_000_000, count > 0 ? count : 1, count > 0 ? count : 64, size: true);

    private static IReadOnlyList<int> Channels(MappingReader n, IReadOnlyList<int> fallback) =>
        n.IntList("channels", fallback, 1, 100_000, 2, 2, size: true);
}
