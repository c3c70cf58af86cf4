using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Planning;

/// <summary>The input size and number of classes of each data set, known without reading it.</summary>
public static class TaskShape
{
    /// <summary>Flattened input dimension.</summary>
    public static int InputSize(DataSpec data) => data.Dataset switch
    {
        "mnist" or "fashion-mnist" or "fashion-mnist-zalando" or "mnist-parity" => 28 * 28,
        "cifar10" => 3 * 32 * 32,
        "hmm" => data.Hmm.N,
        _ => throw new ArgumentException($"unknown data set '{data.Dataset}'"),
    };

    /// <summary>Number of classes (2 for the binary tasks).</summary>
    public static int Classes(DataSpec data) => data.Dataset is "mnist-parity" or "hmm" ? 2 : 10;
}
