using Reproduce.Core.Models;
using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Planning;

/// <summary>The input size and number of classes of each data set, known without reading it, and the architecture they give.</summary>
public static class TaskShape
{
    /// <summary>Flattened input dimension.</summary>
    public static int InputSize(DataSpec data) => data.Dataset switch
    {
        "mnist" or "fashion-mnist" or "mnist-parity" => 28 * 28,
        "cifar10" => 3 * 32 * 32,
        "hmm" => data.Hmm.N,
        _ => throw new ArgumentException($"unknown data set '{data.Dataset}'"),
    };

    /// <summary>Number of classes (2 for the binary tasks).</summary>
    public static int Classes(DataSpec data) => data.Dataset is "mnist-parity" or "hmm" ? 2 : 10;

    /// <summary>Channels and side of the images (null for vector data).</summary>
    public static (int Channels, int Side)? Image(DataSpec data) => data.Dataset switch
    {
        "hmm" => null,
        "cifar10" => (3, 32),
        _ => (1, 28),
    };

    /// <summary>
    /// Output units: one per class, except a binary net on a binary task, which has one sign output (METHOD.md §7).
    /// </summary>
    public static int Outputs(DataSpec data, NetworkSpec network) =>
        network.IsBinary && Classes(data) == 2 ? 1 : Classes(data);

    /// <summary>The full architecture (every size, inputs and outputs included) of <paramref name="network"/> on <paramref name="data"/>.</summary>
    public static Architecture Architecture(NetworkSpec network, DataSpec data)
    {
        var input = InputSize(data);
        var outputs = Outputs(data, network);
        var image = Image(data);
        List<int> sizes = network.Arch switch
        {
            "mlp" or "binary-mlp" => [input, .. network.Hidden, outputs],
            "lenet" => [network.Channels[0], network.Channels[1], network.Hidden[0], outputs, Need(image).Channels, Need(image).Side],
            "binary-conv" => [Need(image).Channels, Need(image).Side, network.Channels[0], network.Channels[1], .. network.Hidden, outputs],
            "vgg16bn" => [network.WidthDivisor, outputs],
            "perceptron" => [input],
            "committee" => [input, network.K],
            _ => throw new ArgumentException($"unknown architecture '{network.Arch}'"),
        };
        return Core.Models.Architecture.Parse($"{network.Arch}:{string.Join(",", sizes)}");

        (int Channels, int Side) Need((int, int)? i) => i ?? throw new ArgumentException($"{network.Arch} needs image data, not {data.Dataset}");
    }
}
