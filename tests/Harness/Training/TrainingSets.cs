using Reproduce.Core.Data;
using Reproduce.Harness.Data;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Specs;
using Reproduce.Harness.Stages;
using Reproduce.Core.Training;

namespace Reproduce.Tests.Harness.Training;

/// <summary>
/// Small data sets for training tests, loaded once per test run: MNIST and MNIST-parity subsets (MNIST is fetched through
/// the data fetcher when the data folder lacks it) and generated HMM data; and the spec → settings → run path of a stage.
/// </summary>
public static class TrainingSets
{
    private static readonly Lazy<string> DataDir = new(() =>
    {
        var dir = DataCache.Resolve(RepoRoot.Find());
        new DataFetcher().EnsureAsync("mnist", dir, CancellationToken.None).GetAwaiter().GetResult();
        return dir;
    });

    private static readonly Dictionary<DataRequest, SplitDataset> Loaded = [];

    /// <summary>The data of <paramref name="spec"/> (its train and test subsets), loaded once and shared (do not dispose).</summary>
    public static SplitDataset Of(ExperimentSpec spec)
    {
        var d = spec.Data;
        var request = new DataRequest(d.Dataset, TrainSubset: d.TrainSubset, SubsetSeed: d.SubsetSeed, TestSubset: d.TestSubset);
        if (d.Dataset == "hmm") request = request with { N = d.Hmm.N, D = d.Hmm.D, P = d.Hmm.P, TestSize = d.Hmm.TestSize, Seed = d.Hmm.Seed };
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(request, out var data))
                Loaded[request] = data = DatasetLoader.Load(d.Dataset == "hmm" ? Path.GetTempPath() : DataDir.Value, request);
            return data;
        }
    }

    /// <summary>Trains the first algorithm of <paramref name="specText"/> with seed <paramref name="seed"/>, as the train stage does.</summary>
    public static (TrainResult Result, double TestError, TrainingSetup Setup) Train(string specText, int seed = 1)
    {
        var spec = Reproduce.Tests.Some.Spec(specText);
        var data = Of(spec);
        var setup = TrainingSetup.Create(Planner.TrainSettings(spec, spec.Algorithms[0], seed), data.Train, TorchSharp.torch.CPU);
        var result = setup.Run.Run();
        return (result, Reproduce.Core.Probes.Evaluator.ErrorRate(setup.Run.Solution, data.Test), setup);
    }
}
