using TorchSharp;
using Reproduce.Core.Data;
using Reproduce.Core.Probes;
using Reproduce.Harness.Data;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Specs;
using Reproduce.Harness.Stages;
using static TorchSharp.torch;

namespace Reproduce.Bench;

/// <summary>
/// The generalization ranking the paper relies on (F2, METHOD.md §8) for the MLP 784-500-500-10 on MNIST, every algorithm at
/// its spec defaults, seeds 1-3, mean test error per algorithm. Nothing is tuned to make it hold. Three measurements:
/// <list type="number">
/// <item>Smoke size: 1,000 train samples (test on 2,000), epochs 40, max_train_error 0, RSGD, SGD and ADV.</item>
/// <item>The control for the smoke result: SGD whose initial weights are scaled by 1/√y, the scale of RSGD's initial center
/// (the mean of y independent initializations; y = 3). If it matches RSGD's error, RSGD's smoke deficit is its smaller
/// starting scale, not its flatness.</item>
/// <item>Full MNIST (60,000 train, 10,000 test), the base spec's values (epochs 30, max_train_error 0.001; ADV pre-trains
/// on a random-label copy of all 60,000 images for up to 100 epochs, most of this benchmark's time). Skipped with --quick.</item>
/// </list>
/// </summary>
public sealed class TrainingAlgorithmsBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "training-algorithms";

    /// <inheritdoc />
    public IEnumerable<BenchRow> Run(BenchContext context)
    {
        new DataFetcher().EnsureAsync("mnist", context.DataDirectory, CancellationToken.None).GetAwaiter().GetResult();
        int[] seeds = context.Quick ? [1] : [1, 2, 3];

        var smoke = SpecLoader.Parse("""
            experiment: ranking
            data: {dataset: mnist, train_subset: 1000, test_subset: 2000}
            network: {arch: mlp, hidden: [500, 500]}
            algorithms:
              rsgd: {epochs: 40, max_train_error: 0}
              sgd: {epochs: 40, max_train_error: 0}
              adv: {epochs: 40, max_train_error: 0}
            """, "ranking.yaml", null, out _);
        using (var data = DatasetLoader.Load(context.DataDirectory, new DataRequest("mnist", TrainSubset: 1000, SubsetSeed: 0, TestSubset: 2000)))
        {
            foreach (var row in Ranking(smoke, seeds, data, "smoke (1,000 images)")) yield return row;

            var y = smoke.Algorithms.Single(a => a.Name == "rsgd").Replicated!.Replicas;
            var control = MeanTestError(smoke, smoke.Algorithms.Single(a => a.Name == "sgd"), seeds, data, 1 / Math.Sqrt(y));
            yield return new BenchRow($"smoke: test error, sgd from initial weights × 1/√{y} (RSGD's initial center scale)", control * 100, "%");
        }

        if (context.Quick) yield break;
        var full = SpecLoader.Parse("""
            experiment: ranking-full
            data: {dataset: mnist}
            network: {arch: mlp, hidden: [500, 500]}
            algorithms:
              rsgd: {}
              sgd: {}
              adv: {}
            """, "ranking-full.yaml", null, out _);
        using (var data = DatasetLoader.Load(context.DataDirectory, new DataRequest("mnist")))
            foreach (var row in Ranking(full, seeds, data, "full MNIST")) yield return row;
    }

    /// <summary>
    /// One row per algorithm of <paramref name="spec"/> (its mean test error over <paramref name="seeds"/>, in spec order), then
    /// whether RSGD ≤ SGD ≤ ADV holds; every measure is prefixed by <paramref name="label"/>.
    /// </summary>
    private static IEnumerable<BenchRow> Ranking(ExperimentSpec spec, int[] seeds, SplitDataset data, string label)
    {
        var means = new Dictionary<string, double>();
        foreach (var algo in spec.Algorithms)
        {
            means[algo.Name] = MeanTestError(spec, algo, seeds, data, 1);
            yield return new BenchRow($"{label}: test error, {algo.Name}, mean of {seeds.Length} seeds", means[algo.Name] * 100, "%");
        }
        var holds = means["rsgd"] <= means["sgd"] && means["sgd"] <= means["adv"];
        yield return new BenchRow($"{label}: RSGD ≤ SGD ≤ ADV (test error)", holds ? 1 : 0, "holds", "paper F2", holds);
    }

    /// <summary>
    /// Trains <paramref name="algo"/> of <paramref name="spec"/> once per seed (initial parameters multiplied by
    /// <paramref name="initScale"/>, 1 for none) and returns the solutions' mean test error; logs each run.
    /// </summary>
    private static double MeanTestError(ExperimentSpec spec, AlgorithmSpec algo, int[] seeds, SplitDataset data, double initScale)
    {
        var errors = new List<double>();
        foreach (var seed in seeds)
        {
            using var setup = TrainingSetup.Create(Planner.TrainSettings(spec, algo, seed), data.Train, CPU);
            if (initScale != 1)
            {
                using var noGrad = no_grad();
                using var scale = initScale.ToScalar();
                foreach (var p in setup.Run.Solution.parameters()) p.mul_(scale);
            }
            var result = setup.Run.Run();
            var test = Evaluator.ErrorRate(setup.Run.Solution, data.Test);
            Console.Error.WriteLine($"  {algo.Name} seed {seed}{(initScale != 1 ? $" (init × {initScale:G3})" : "")}: train {result.TrainError:P2} " +
                                   $"({(result.Converged ? "converged" : "NOT converged")}, {result.EpochsRun} epochs), test {test:P2}, {result.Seconds:F1} s");
            errors.Add(test);
        }
        return errors.Average();
    }
}
