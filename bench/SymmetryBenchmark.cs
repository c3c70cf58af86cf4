using System.Diagnostics;
using Reproduce.Core.Models;
using Reproduce.Core.Symmetry;
using static TorchSharp.torch;

namespace Reproduce.Bench;

/// <summary>
/// Time to remove the symmetries between two full-width VGG16-BN networks (CIFAR variant, 15M parameters each):
/// normalize both (Alg. 1) and align the second to the first (Alg. 2: 13 cosine matrices and assignments up to
/// 512 × 512). Goal (issue 3): under 2 s on CPU. Median of 3 runs after a warm-up (1 run with --quick).
/// </summary>
public sealed class SymmetryBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "Symmetry";

    /// <inheritdoc />
    public IEnumerable<BenchRow> Run(BenchContext context)
    {
        var arch = new Architecture(NetworkKind.Vgg16Bn, [1, 10]);
        var layout = Layouts.For(arch);
        var a = Network(arch, 0);
        var b = Network(arch, 1);
        var repeats = context.Quick ? 1 : 3;
        var normalize = new List<double>();
        var align = new List<double>();
        for (var r = 0; r <= repeats; r++)
        {
            using var scope = NewDisposeScope();
            var sw = Stopwatch.StartNew();
            var na = UnitNormalization.Normalize(layout, a);
            var nb = UnitNormalization.Normalize(layout, b);
            var tNormalize = sw.Elapsed.TotalSeconds;
            WeightMatching.Align(layout, na, nb);
            var tAlign = sw.Elapsed.TotalSeconds - tNormalize;
            if (r == 0) continue;
            normalize.Add(tNormalize);
            align.Add(tAlign);
        }
        var total = BenchStatistics.Median(normalize.Zip(align, (n, m) => n + m));
        yield return new BenchRow("VGG16-BN: normalize two networks", BenchStatistics.Median(normalize), "s");
        yield return new BenchRow("VGG16-BN: align (13 groups, up to 512²)", BenchStatistics.Median(align), "s");
        yield return new BenchRow("VGG16-BN: normalize + align, total", total, "s", "< 2 s on CPU", total < 2);
        yield return new BenchRow("libtorch threads", get_num_threads(), "threads");
    }

    private static Dictionary<string, Tensor> Network(Architecture arch, int network)
    {
        using var g = DefaultInitialization.GeneratorFor(0, network);
        using var module = arch.Create(g);
        return module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().MoveToOuterDisposeScope());
    }
}
