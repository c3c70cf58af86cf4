using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Report;

/// <summary>
/// The paper's order of experiments and their short labels for the findings matrix: MLP, LeNet, VGG16-BN (each on MNIST,
/// Fashion-MNIST, CIFAR-10), the HMM perceptron and committee series by N, the binary MLP parity series by width, the binary
/// MLP on Fashion-MNIST, the binary conv net; an architecture or data set the paper does not have goes last, by name.
/// </summary>
public static class ExperimentOrder
{
    private static readonly string[] Archs = ["mlp", "lenet", "vgg16bn", "perceptron", "binary-perceptron", "committee", "binary-committee", "binary-mlp", "binary-conv"];
    private static readonly string[] Datasets = ["mnist", "mnist-parity", "fashion-mnist", "fashion-mnist-zalando", "cifar10", "hmm"];

    /// <summary><paramref name="items"/> in the paper's order of their specs.</summary>
    public static IReadOnlyList<T> Sort<T>(IEnumerable<T> items, Func<T, ExperimentSpec> spec) =>
        items.OrderBy(x => Rank(Archs, spec(x).Network.Arch)).ThenBy(x => Rank(Datasets, spec(x).Data.Dataset)).ThenBy(x => Size(spec(x)))
            .ThenBy(x => spec(x).Name, StringComparer.Ordinal).ToList();

    /// <summary>The size that varies along a series: HMM input size N, or the first hidden width on MNIST parity; 0 otherwise.</summary>
    public static double Size(ExperimentSpec s) => s.Data.Dataset switch
    {
        "hmm" => s.Data.Hmm.N,
        "mnist-parity" => s.Network.Hidden.FirstOrDefault(),
        _ => 0,
    };

    /// <summary>The matrix's column group: the network, and the task where a series varies its size (e.g. "HMM committee").</summary>
    public static string Group(ExperimentSpec s) => (s.Network.Arch, s.Data.Dataset) switch
    {
        ("mlp", _) => "MLP",
        ("lenet", _) => "LeNet",
        ("vgg16bn", _) => "VGG16-BN",
        ("perceptron" or "binary-perceptron", "hmm") => "HMM perceptron",
        ("committee" or "binary-committee", "hmm") => "HMM committee",
        ("binary-mlp", "mnist-parity") => "binary MLP, parity",
        ("binary-mlp", _) => "binary MLP",
        ("binary-conv", _) => "binary conv",
        var (arch, _) => arch,
    };

    /// <summary>The matrix's column label under its group: the data set, or the size of a series ("N=800", "w=101").</summary>
    public static string Short(ExperimentSpec s) => s.Data.Dataset switch
    {
        "hmm" => $"N={s.Data.Hmm.N}",
        "mnist-parity" => $"w={s.Network.Hidden.FirstOrDefault()}",
        "mnist" => "MNIST",
        "fashion-mnist" => "Fashion",
        "fashion-mnist-zalando" => "Fashion (Zalando)",
        "cifar10" => "CIFAR-10",
        var d => d,
    };

    private static int Rank(string[] order, string value)
    {
        var i = Array.IndexOf(order, value);
        return i < 0 ? order.Length : i;
    }
}
