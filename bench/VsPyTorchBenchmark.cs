using System.Diagnostics;
using System.Text.Json.Nodes;
using Reproduce.Core.Data;
using Reproduce.Core.Models;
using Reproduce.Core.Numerics;
using Reproduce.Core.Probes;
using Reproduce.Core.Training;
using Reproduce.Harness.Data;
using static TorchSharp.torch;

namespace Reproduce.Bench;

/// <summary>
/// The same workloads in PyTorch (Debian's python3-torch, run as /usr/bin/python3 bench/pytorch/vs_pytorch.py) and in
/// Reproduce, on 2 threads each, alternating A B A B A B per workload so drift on a shared machine falls on both (issue 17):
/// an MLP 784-500-500-10 and a LeNet training epoch on MNIST (batch 128, Nesterov SGD; LeNet on the first 6,400 images,
/// scaled to 60,000), MLP and LeNet forward throughput at the evaluator's batch (4,096) on MNIST images, and a 2048²
/// float32 GEMM through PyTorch, through libtorch, through Reproduce's route (<see cref="MatrixProducts"/>) and through the
/// machine's fastest BLAS (OpenBLAS called directly). Reproduce's MLP epoch is also run with the products forced onto
/// libtorch, which shows what the route buys. Each row is the median, with the range in its name. Skipped (one row says
/// so) where /usr/bin/python3 cannot import torch.
/// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from both processes' environments (see <see cref="OpenBlas"/>):
/// with them, OpenBLAS runs its Haswell kernels on this AVX-512 CPU.
/// </summary>
public sealed class VsPyTorchBenchmark : IBenchmark
{
    private const string Python = "/usr/bin/python3";
    private const int LeNetImages = 6_400, MlpForwardImages = 20_000, LeNetForwardImages = 2_000;

    /// <inheritdoc />
    public string Name => "vs-pytorch";

    /// <inheritdoc />
    public IEnumerable<BenchRow> Run(BenchContext context)
    {
        if (!PyTorchInstalled())
        {
            yield return new BenchRow($"skipped: {Python} cannot import torch (Debian: apt-get install python3-torch)", 0, "");
            yield break;
        }
        new DataFetcher().EnsureAsync("mnist", context.DataDirectory, CancellationToken.None).GetAwaiter().GetResult();
        using var data = DatasetLoader.Load(context.DataDirectory, new DataRequest("mnist"));
        var train = data.Train;
        var rounds = context.Quick ? 1 : 3;
        var threads = get_num_threads();
        using var python = new PyTorchProcess(Python, Script(), Path.Combine(Path.GetFullPath(context.DataDirectory), "mnist"), threads);
        Console.Error.WriteLine($"  PyTorch: {python.Kernels.ToJsonString()}");
        var route = MatrixProducts.Current;
        Console.Error.WriteLine($"  Reproduce: products via {route.RouteName} ({route.Reason}); OpenBLAS {OpenBlas.Core ?? "absent"}: {OpenBlas.Config}");

        foreach (var row in new BenchRow[]
        {
            new($"PyTorch {python.Kernels["torch"]}, BLAS {string.Join(", ", python.Kernels["blas_libraries"]!.AsArray())}, " +
                $"OpenBLAS core {python.Kernels["openblas_core"]}", 0, ""),
            new($"Reproduce: libtorch (MKL) and OpenBLAS {OpenBlas.Core ?? "absent"} ({OpenBlas.LibraryPath}); linear products via {route.RouteName}: {route.Reason}", 0, ""),
            new($"threads: {threads} each; oneDNN ISA cap {OneDnnIsa.Current ?? "none"}", threads, "threads"),
        }) yield return row;

        // Warm-up of each side (allocator, thread pools, JIT), not timed.
        python.Seconds("mlp-epoch 6400");
        MlpEpoch(train, 6400);
        var mlp = Alternate(rounds, () => python.Seconds($"mlp-epoch {train.Count}"), () => MlpEpoch(train, (int)train.Count),
            () => WithRoute(MatrixProductRoute.LibTorch, () => MlpEpoch(train, (int)train.Count)));
        foreach (var row in TimeRows("MLP 784-500-500-10 epoch (60,000, batch 128)", mlp, "≤ PyTorch's", extraName: "Reproduce, products forced onto libtorch")) yield return row;
        var lenet = Alternate(rounds, () => python.Seconds($"lenet-epoch {LeNetImages}") * 60000 / LeNetImages,
            () => LeNetEpoch(train, LeNetImages) * 60000 / LeNetImages);
        foreach (var row in TimeRows($"LeNet epoch (from {LeNetImages:N0} images, scaled to 60,000)", lenet, "")) yield return row;
        var mlpForward = Forward("mlp:784,500,500,10", train, MlpForwardImages, python, "mlp-forward", rounds);
        foreach (var row in RateRows("MLP forward, batch 4,096", mlpForward, "images/s", "≥ PyTorch's")) yield return row;
        var lenetForward = Forward("lenet", train, LeNetForwardImages, python, "lenet-forward", rounds);
        foreach (var row in RateRows("LeNet forward, batch 4,096", lenetForward, "images/s", "")) yield return row;

        var gemm = Alternate(rounds, python.Gflops, () => Gemm.LibTorchGflops(2048, 2048, 2048, 10, false, false, 3), RouteGflops,
            () => Gemm.OpenBlasGflops(2048, 2048, 2048, 10, false, threads, 3));
        yield return BlasSettingsBenchmark.Row("GEMM 2048², PyTorch (torch.mm)", gemm[0], "GFLOP/s");
        yield return BlasSettingsBenchmark.Row("GEMM 2048², libtorch (mm)", gemm[1], "GFLOP/s");
        yield return BlasSettingsBenchmark.Row($"GEMM 2048², Reproduce's route ({route.RouteName})", gemm[2], "GFLOP/s");
        yield return BlasSettingsBenchmark.Row("GEMM 2048², OpenBLAS cblas_sgemm (P/Invoke)", gemm[3], "GFLOP/s");
        var best = Math.Max(BenchStatistics.Median(gemm[1]), BenchStatistics.Median(gemm[3]));
        var share = BenchStatistics.Median(gemm[2]) / best;
        yield return new BenchRow("GEMM 2048², Reproduce's route / the machine's best", share * 100, "%", "≥ 90%", share >= 0.9);
        yield return new BenchRow("GEMM 2048², Reproduce's route / PyTorch", BenchStatistics.Median(gemm[2]) / BenchStatistics.Median(gemm[0]) * 100, "%");
    }

    /// <summary>For each of <paramref name="rounds"/> rounds, each measure once, in order; the values per measure.</summary>
    private static List<double>[] Alternate(int rounds, params Func<double>[] measures)
    {
        var values = measures.Select(_ => new List<double>()).ToArray();
        for (var r = 0; r < rounds; r++)
            for (var m = 0; m < measures.Length; m++)
                values[m].Add(measures[m]());
        return values;
    }

    private static IEnumerable<BenchRow> TimeRows(string what, List<double>[] v, string goal, string? extraName = null)
    {
        yield return BenchRow("PyTorch", v[0], "s");
        yield return BenchRow("Reproduce", v[1], "s");
        if (v.Length > 2) yield return BenchRow(extraName!, v[2], "s");
        var speed = BenchStatistics.Median(v[0]) / BenchStatistics.Median(v[1]);
        yield return new BenchRow($"{what}: PyTorch's time / Reproduce's", speed, "×", goal, goal == "" ? null : speed >= 1);
        if (v.Length > 2) yield return new BenchRow($"{what}: libtorch route's time / Reproduce's", BenchStatistics.Median(v[2]) / BenchStatistics.Median(v[1]), "×");
        BenchRow BenchRow(string who, List<double> values, string unit) => BlasSettingsBenchmark.Row($"{what}, {who}", values, unit);
    }

    private static IEnumerable<BenchRow> RateRows(string what, List<double>[] v, string unit, string goal)
    {
        yield return BlasSettingsBenchmark.Row($"{what}, PyTorch", v[0], unit);
        yield return BlasSettingsBenchmark.Row($"{what}, Reproduce evaluator", v[1], unit);
        var ratio = BenchStatistics.Median(v[1]) / BenchStatistics.Median(v[0]);
        yield return new BenchRow($"{what}: Reproduce / PyTorch", ratio, "×", goal, goal == "" ? null : ratio >= 1);
    }

    private static double WithRoute(MatrixProductRoute route, Func<double> measure)
    {
        var before = MatrixProducts.Use(route);
        try { return measure(); }
        finally { MatrixProducts.Restore(before); }
    }

    /// <summary>One epoch of the harness trainer on the first <paramref name="n"/> images (a fresh model each time).</summary>
    private static double MlpEpoch(Dataset train, int n) => Epoch("mlp:784,500,500,10", train, n);

    private static double LeNetEpoch(Dataset train, int n) => Epoch("lenet", train, n);

    private static double Epoch(string arch, Dataset train, int n)
    {
        using var part = Part(train, n);
        using var init = DefaultInitialization.GeneratorFor(1, 0);
        using var model = Architecture.Parse(arch).Create(init);
        using var run = new Sgd(model, part, new TrainOptions(OptimizerOptions.Sgd(0.05, 0.9, true), 128, 2, -1, 1));
        return run.Next().Seconds;
    }

    /// <summary>Images per second of PyTorch's and the evaluator's forward passes (0-1 error) on the first <paramref name="n"/> images.</summary>
    private static List<double>[] Forward(string arch, Dataset train, int n, PyTorchProcess python, string command, int rounds)
    {
        var a = Architecture.Parse(arch);
        using var part = Part(train, n);
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> sd;
        using (var g = DefaultInitialization.GeneratorFor(1, 0))
        using (var module = a.Create(g))
            sd = module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        using var evaluator = new NetworkEvaluator(a, part, null);
        evaluator.Evaluate(sd);
        python.Seconds($"{command} {n}");
        return Alternate(rounds, () => n / python.Seconds($"{command} {n}"), () =>
        {
            var sw = Stopwatch.StartNew();
            evaluator.Evaluate(sd);
            return n / sw.Elapsed.TotalSeconds;
        });
    }

    /// <summary>GFLOP/s of 2048² products through <see cref="MatrixProducts.Linear"/> (no autograd), as a layer's forward runs them.</summary>
    private static double RouteGflops()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var g = new Generator(1);
        var a = randn([2048, 2048], generator: g);
        var bt = randn([2048, 2048], generator: g);
        MatrixProducts.Linear(a, bt, null).Dispose();
        var best = 0.0;
        for (var t = 0; t < 3; t++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 10; i++) MatrixProducts.Linear(a, bt, null).Dispose();
            best = Math.Max(best, 10 * 2.0 * 2048 * 2048 * 2048 / sw.Elapsed.TotalSeconds / 1e9);
        }
        return best;
    }

    private static Dataset Part(Dataset d, long n) =>
        new(d.Name, d.Inputs.narrow(0, 0, Math.Min(n, d.Count)).alias(), d.Labels.narrow(0, 0, Math.Min(n, d.Count)).alias(), d.Classes);

    private static string Script() => Path.Combine(AppContext.BaseDirectory, "pytorch", "vs_pytorch.py");

    private static bool PyTorchInstalled()
    {
        if (!File.Exists(Python)) return false;
        using var p = Process.Start(new ProcessStartInfo(Python, ["-c", "import torch"]) { RedirectStandardError = true, UseShellExecute = false })!;
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0;
    }
}
