using Reproduce.Core.Data;
using Reproduce.Core.Probes;
using Reproduce.Harness.Data;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Specs;
using Reproduce.Harness.Stages;

namespace Reproduce.Bench;

/// <summary>
/// The generalization ranking the paper relies on (F2, METHOD.md §8), on the smoke-sized MLP run: MLP 784-500-500-10 on
/// 1,000 MNIST train samples (test on 2,000), every algorithm at its spec defaults with epochs 40 and max_train_error 0,
/// seeds 1-3. Prints mean test error per algorithm and whether RSGD ≤ SGD ≤ ADV holds. Nothing is tuned to make it hold.
/// </summary>
public sealed class TrainingAlgorithmsBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "training-algorithms";

    /// <inheritdoc />
    public IEnumerable<BenchRow> Run(BenchContext context)
    {
        new DataFetcher().EnsureAsync("mnist", context.DataDirectory, CancellationToken.None).GetAwaiter().GetResult();
        using var data = DatasetLoader.Load(context.DataDirectory, new DataRequest("mnist", TrainSubset: 1000, SubsetSeed: 0, TestSubset: 2000));
        var spec = SpecLoader.Parse("""
            experiment: ranking
            data: {dataset: mnist, train_subset: 1000, test_subset: 2000}
            network: {arch: mlp, hidden: [500, 500]}
            algorithms:
              rsgd: {epochs: 40, max_train_error: 0}
              sgd: {epochs: 40, max_train_error: 0}
              adv: {epochs: 40, max_train_error: 0}
            """, "ranking.yaml", null, out _);
        int[] seeds = context.Quick ? [1] : [1, 2, 3];
        var means = new Dictionary<string, double>();
        foreach (var algo in spec.Algorithms)
        {
            var errors = new List<double>();
            foreach (var seed in seeds)
            {
                using var setup = TrainingSetup.Create(Planner.TrainSettings(spec, algo, seed), data.Train, TorchSharp.torch.CPU);
                var result = setup.Run.Run();
                var test = Evaluator.ErrorRate(setup.Run.Solution, data.Test);
                Console.Error.WriteLine($"  {algo.Name} seed {seed}: train {result.TrainError:P2} ({(result.Converged ? "converged" : "NOT converged")}, " +
                                        $"{result.EpochsRun} epochs), test {test:P2}, {result.Seconds:F1} s");
                errors.Add(test);
            }
            means[algo.Name] = errors.Average();
            yield return new BenchRow($"MLP smoke test error, {algo.Name}, mean of {seeds.Length} seeds", errors.Average() * 100, "%");
        }
        var holds = means["rsgd"] <= means["sgd"] && means["sgd"] <= means["adv"];
        yield return new BenchRow("RSGD ≤ SGD ≤ ADV (test error)", holds ? 1 : 0, "holds", "paper F2", holds);
    }
}
