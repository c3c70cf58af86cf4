using Reproduce.Core.Numerics;
using System.Diagnostics;
using Reproduce.Core.Data;
using Reproduce.Core.Models;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Bench;

/// <summary>
/// Train-error evaluation throughput (images/s) of the probes' evaluator (<see cref="NetworkEvaluator"/>: in-place load,
/// then batched 0-1 error) for the MLP 784-500-500-10 and the LeNet-like net, and of one geodesic path of 25 points
/// (<see cref="PathProbe"/>: each point written on the torus into the evaluator's tensors, then evaluated), each beside a bare TorchSharp forward
/// loop (a Sequential of the same layers, no_grad, batch 4096, argmax ≠ label summed on the device) in the same run.
/// Data: MNIST-shaped random images (values do not change the cost, and no download is needed).
/// Goal: the evaluator within 10% of the bare loop.
/// On a machine whose cores are busy with other work, every parallel region can stall for a scheduler slice: a path point
/// built with parallel elementwise ops cost 40-80 ms with 2 threads there (best of 10), so <see cref="Reproduce.Core.Probes.GeodesicPath.Write"/>
/// writes it in blocks that run on the calling thread (0.7-0.8 ms on the same busy cores). The forward passes can stall
/// too, in both loops alike: on busy cores even the MLP rows vary by ±30% from run to run.
/// </summary>
public sealed class EvaluatorBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "evaluator";

    /// <inheritdoc />
    public IEnumerable<BenchRow> Run(BenchContext context)
    {
        var repeats = context.Quick ? 2 : 5;
        var mlp = Architecture.Parse("mlp:784,500,500,10");
        var lenet = Architecture.Parse("lenet");
        // Sizes keep the whole benchmark near a minute on 2 shared cores (LeNet's convs cost ~44 MFLOP per image).
        using var mlpData = Images(context.Quick ? 5_000 : 20_000);
        using var lenetData = Images(context.Quick ? 300 : 1_000);
        using var pathData = Images(context.Quick ? 1_000 : 4_000);


        foreach (var row in Compare("MLP train error", mlp, mlpData, repeats)) yield return row;
        foreach (var row in Compare("LeNet train error", lenet, lenetData, repeats)) yield return row;
        foreach (var row in GeodesicPath(mlp, pathData, repeats)) yield return row;
        yield return new BenchRow("libtorch intra-op threads", get_num_threads(), "threads");
    }

    private static IEnumerable<BenchRow> Compare(string what, Architecture arch, Dataset data, int repeats)
    {
        using var scope = NewDisposeScope();
        var sd = Network(arch, 0);
        using var bare = Bare(arch, sd);
        using var evaluator = new NetworkEvaluator(arch, data, null);
        // Warm-up (allocator, libtorch thread pool), then alternate to share any drift between the two.
        var same = BareError(bare, data) / (double)data.Count == evaluator.Evaluate(sd).Train;
        if (!same) throw new InvalidOperationException($"{what}: the bare loop and the evaluator disagree; the comparison would be meaningless");
        double b = double.MaxValue, h = double.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            b = Math.Min(b, Time(() => BareError(bare, data)));
            h = Math.Min(h, Time(() => evaluator.Evaluate(sd)));
        }
        return Rows(what, data.Count / b, data.Count / h);
    }

    private static IEnumerable<BenchRow> GeodesicPath(Architecture arch, Dataset data, int repeats)
    {
        const int points = 25;
        using var scope = NewDisposeScope();
        var layout = Layouts.For(arch);
        var a = UnitNormalization.Normalize(layout, Network(arch, 0));
        var b = WeightMatching.Align(layout, a, UnitNormalization.Normalize(layout, Network(arch, 1))).Aligned;
        using var bare = Bare(arch, a);
        using var evaluator = new NetworkEvaluator(arch, data, null);
        var t = PathCurve.Uniform(points);
        BareError(bare, data);
        PathProbe.Evaluate(evaluator, PathKind.GeodesicAligned, layout, a, b, t.Take(2).ToList());
        // The machine may be shared (a throttled cgroup stalls any step by up to its 100 ms period): bare and evaluator
        // alternate point by point, and each point's time is its best over the repeats, so a stall hits neither total.
        // The evaluator's time includes preparing the geodesic and building, loading and evaluating every point.
        var bare1 = new double[points + 1];
        var harness1 = new double[points + 1];
        Array.Fill(bare1, double.MaxValue);
        Array.Fill(harness1, double.MaxValue);
        bare1[points] = 0;
        for (var i = 0; i < repeats; i++)
        {
            GeodesicPath? geodesic = null;
            harness1[points] = Math.Min(harness1[points], Time(() => geodesic = new GeodesicPath(layout, a, b)));
            for (var p = 0; p < points; p++)
            {
                // The bare loop evaluates one fixed network each time: the path's points cost nothing there.
                bare1[p] = Math.Min(bare1[p], Time(() => BareError(bare, data)));
                var at = t[p];
                harness1[p] = Math.Min(harness1[p], Time(() => PathProbe.Along(evaluator, s => geodesic!.Load(evaluator, s), [at])));
            }
            geodesic!.Dispose();
        }
        double bs = bare1.Sum(), hs = harness1.Sum();
        using var prepared = new GeodesicPath(layout, a, b);
        var build = double.MaxValue;
        for (var i = 0; i < 10; i++)
            build = Math.Min(build, Time(() => prepared.Load(evaluator, 0.3)));
        return Rows("MLP geodesic path, 25 points", points * data.Count / bs, points * data.Count / hs)
            .Append(new BenchRow("MLP geodesic point, writing it into the evaluator", build * 1000, "ms"));
    }

    private static IEnumerable<BenchRow> Rows(string what, double bare, double harness)
    {
        var slowdown = bare / harness - 1;
        yield return new BenchRow($"{what}, bare forward loop", bare, "images/s");
        yield return new BenchRow($"{what}, evaluator", harness, "images/s");
        yield return new BenchRow($"{what}, evaluator slowdown", slowdown * 100, "%", "≤ 10%", slowdown <= 0.10);
    }

    /// <summary>The bare loop: what any TorchSharp user would write.</summary>
    private static long BareError(nn.Module<Tensor, Tensor> model, Dataset data)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var wrong = zeros(1, ScalarType.Int64);
        for (long start = 0; start < data.Count; start += Evaluator.DefaultBatch)
        {
            var n = Math.Min(Evaluator.DefaultBatch, data.Count - start);
            wrong.add_(model.call(data.Inputs.narrow(0, start, n)).argmax(1).ne(data.Labels.narrow(0, start, n)).sum(), Scalars.One);
        }
        return wrong.item<long>();
    }

    /// <summary>A Sequential with the architecture's layers, holding <paramref name="sd"/>'s weights, in eval mode.</summary>
    private static nn.Module<Tensor, Tensor> Bare(Architecture arch, IReadOnlyDictionary<string, Tensor> sd)
    {
        var s = arch.Sizes;
        nn.Module<Tensor, Tensor> model = arch.Kind switch
        {
            NetworkKind.Mlp => nn.Sequential(nn.Flatten(), nn.Linear(s[0], s[1]), nn.ReLU(), nn.Linear(s[1], s[2]), nn.ReLU(), nn.Linear(s[2], s[3])),
            NetworkKind.LeNet => nn.Sequential(nn.Conv2d(s[4], s[0], 5), nn.ReLU(), nn.Conv2d(s[0], s[1], 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                nn.Linear(s[1] * LeNet.PooledSide(s[5]) * LeNet.PooledSide(s[5]), s[2]), nn.ReLU(), nn.Linear(s[2], s[3])),
            _ => throw new ArgumentException($"no bare loop for {arch}"),
        };
        using (no_grad())
        {
            var targets = model.parameters().ToList();
            var sources = sd.Values.ToList();
            for (var i = 0; i < targets.Count; i++) targets[i].copy_(sources[i]);
        }
        model.eval();
        return model;
    }

    private static Dictionary<string, Tensor> Network(Architecture arch, int network)
    {
        using var g = DefaultInitialization.GeneratorFor(1, network);
        using var module = arch.Create(g);
        return module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
    }

    private static Dataset Images(int n)
    {
        var g = new Generator(7);
        return new Dataset($"random MNIST-shaped x{n}", randn([n, 1, 28, 28], generator: g), randint(0, 10, [n], generator: g), 10);
    }

    private static double Time(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed.TotalSeconds;
    }
}
