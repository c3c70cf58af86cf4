using System.Diagnostics;
using Reproduce.Core.Data;
using Reproduce.Core.Models;
using Reproduce.Core.Training;
using Reproduce.Harness.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Bench;

/// <summary>
/// Seconds per MNIST epoch of the MLP 784-500-500-10 (batch 128, Nesterov SGD) through the harness's trainer, beside a
/// bare TorchSharp loop doing the same work (same data, batch order, model and optimizer), and the achieved GFLOP/s
/// beside a large matrix product's. Goal: the harness adds at most 5%.
/// </summary>
public sealed class TrainingBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "training";

    /// <inheritdoc />
    public IEnumerable<BenchRow> Run(BenchContext context)
    {
        new DataFetcher().EnsureAsync("mnist", context.DataDirectory, CancellationToken.None).GetAwaiter().GetResult();
        using var data = DatasetLoader.Load(context.DataDirectory, new DataRequest("mnist"));
        var train = data.Train;
        var epochs = context.Quick ? 1 : 3;
        int[] sizes = [784, 500, 500, 10];

        // Warm-up (allocator, JIT, libtorch thread pool), then alternate to share any drift between the two.
        Bare(train, sizes, 1, 0.2);
        Harness(train, sizes, 1, 0.2);
        var bare = new List<double>();
        var harness = new List<double>();
        for (var i = 0; i < epochs; i++)
        {
            bare.Add(Bare(train, sizes, 1, 1));
            harness.Add(Harness(train, sizes, 1, 1));
        }
        double b = bare.Min(), h = harness.Min();
        // Forward + backward ≈ 3 × forward; forward = 2·Σ fan_in·fan_out multiply-adds per sample.
        var flopsPerSample = 3.0 * 2 * (784 * 500 + 500 * 500 + 500 * 10);
        var gflops = flopsPerSample * train.Count / h / 1e9;
        var peak = GemmGflops();
        var overhead = h / b - 1;
        yield return new BenchRow("MLP epoch, bare TorchSharp loop", b, "s");
        yield return new BenchRow("MLP epoch, harness trainer", h, "s");
        yield return new BenchRow("harness overhead", overhead * 100, "%", "≤ 5%", overhead <= 0.05);
        yield return new BenchRow("MLP training throughput", gflops, "GFLOP/s");
        yield return new BenchRow("GEMM 2048² float32", peak, "GFLOP/s");
        yield return new BenchRow("MLP training / GEMM", gflops / peak * 100, "%", "≥ 70%", gflops / peak >= 0.7);

        // Seconds per epoch of every net the harness trains on MNIST-sized images (Nesterov SGD or Adam, batch 128), measured
        // on a part of the train set and scaled to 60,000 samples. VGG16-BN needs CIFAR-10, which the bench does not fetch.
        var part = context.Quick ? 1024 : 4096;
        foreach (var (arch, parity) in new[] { ("mlp:784,500,500,10", false), ("lenet:32,64,128,10,1,28", false),
                     ("binary-mlp:784,501,501,1", true), ("binary-conv:1,28,32,64,501,1", true) })
            yield return new BenchRow($"{arch} epoch (60,000 samples, from {part})", EpochSeconds(train, arch, parity, part) * 60000.0 / part, "s");
    }

    /// <summary>One epoch of <paramref name="arch"/> on the first <paramref name="samples"/> of <paramref name="train"/> (after one warm-up epoch).</summary>
    private static double EpochSeconds(Dataset train, string arch, bool parity, int samples)
    {
        var a = Architecture.Parse(arch);
        using var part = Part(train, (double)samples / train.Count);
        using var labelled = parity ? ParityLabels.Apply(part, part.Name) : null;
        var data = labelled ?? part;
        using var init = DefaultInitialization.GeneratorFor(1, 0);
        using var model = a.Create(init);
        var optimizer = a.IsBinary ? OptimizerOptions.Adam(0.01) : OptimizerOptions.Sgd(0.05, 0.9, true);
        using var run = new Sgd(model, data, new TrainOptions(optimizer, 128, 3, -1, 1, a.IsBinary));
        run.Next();
        return run.Next().Seconds;
    }

    /// <summary>The harness path: <see cref="SgdTraining.Train"/> on <see cref="Mlp"/>, one epoch of a run capped at 30.</summary>
    private static double Harness(Dataset train, int[] sizes, int epochs, double fraction)
    {
        using var init = DefaultInitialization.GeneratorFor(1, 0);
        using var model = Architecture.Parse($"mlp:{string.Join(",", sizes)}").Create(init);
        using var part = Part(train, fraction);
        var sw = Stopwatch.StartNew();
        SgdTraining.Train(model, part, new SgdOptions(0.05, 0.9, true, 128, epochs, -1, 1));
        // Train ends with an exact train-error pass (the cap is reached); the bare loop pays for the same pass below.
        return sw.Elapsed.TotalSeconds / fraction;
    }

    /// <summary>The bare loop: Sequential of Linear/ReLU, SGD with Nesterov, the same per-epoch shuffle, then one error pass.</summary>
    private static double Bare(Dataset train, int[] sizes, int epochs, double fraction)
    {
        using var model = nn.Sequential(nn.Linear(sizes[0], sizes[1]), nn.ReLU(), nn.Linear(sizes[1], sizes[2]), nn.ReLU(),
            nn.Linear(sizes[2], sizes[3]));
        using (var init = DefaultInitialization.GeneratorFor(1, 0)) DefaultInitialization.Apply(model, init);
        using var part = Part(train, fraction);
        using var opt = optim.SGD(model.parameters(), 0.05, 0.9, 0, 0, true);
        using var g = new Generator(1);
        var sw = Stopwatch.StartNew();
        var n = part.Count;
        for (var e = 0; e < epochs; e++)
        {
            using var scope = NewDisposeScope();
            var order = randperm(n, generator: g);
            var x = part.Inputs.index_select(0, order).flatten(1);
            var y = part.Labels.index_select(0, order);
            for (long s = 0; s < n; s += 128)
            {
                using var inner = NewDisposeScope();
                var c = Math.Min(128, n - s);
                opt.zero_grad();
                var loss = nn.functional.cross_entropy(model.call(x.narrow(0, s, c)), y.narrow(0, s, c));
                loss.backward();
                opt.step();
            }
        }
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            model.eval();
            var wrong = 0L;
            for (long s = 0; s < n; s += 4096)
            {
                var c = Math.Min(4096, n - s);
                wrong += model.call(part.Inputs.narrow(0, s, c).flatten(1)).argmax(1).ne(part.Labels.narrow(0, s, c)).sum().item<long>();
            }
            GC.KeepAlive(wrong);
        }
        return sw.Elapsed.TotalSeconds / fraction;
    }

    private static Dataset Part(Dataset d, double fraction)
    {
        var n = (long)(d.Count * fraction);
        return new Dataset(d.Name, d.Inputs.narrow(0, 0, n).alias(), d.Labels.narrow(0, 0, n).alias(), d.Classes);
    }

    private static double GemmGflops()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(1);
        var a = randn([2048, 2048], generator: g);
        var b = randn([2048, 2048], generator: g);
        a.matmul(b);
        var sw = Stopwatch.StartNew();
        const int reps = 10;
        for (var i = 0; i < reps; i++) a.matmul(b).Dispose();
        return reps * 2.0 * 2048 * 2048 * 2048 / sw.Elapsed.TotalSeconds / 1e9;
    }
}
