using Reproduce.Core.Data;
using Reproduce.Harness.Data;
using Reproduce.Harness.Runs;

namespace Reproduce.Harness.UserNetworks;

/// <summary>
/// The data a command probes on (<c>--data</c>): a data set of the paper by name, loaded exactly as the stages load it
/// (<see cref="DatasetLoader"/>: fetched and verified into REPRODUCE_DATA or artifacts/data, scaled to [0, 1], then
/// standardized per channel with the train set's statistics), or a folder of the user's own arrays
/// (<see cref="DataDirectory"/>, used as given). Either is then cut to the seeded subsets of <see cref="Subset"/>.
/// </summary>
public static class UserData
{
    /// <summary>The names --data takes besides a folder, and the data set each loads.</summary>
    public static readonly IReadOnlyDictionary<string, string> Named = new Dictionary<string, string>
    {
        ["mnist"] = "mnist", ["fashion"] = "fashion-mnist", ["fashion-mnist"] = "fashion-mnist", ["cifar10"] = "cifar10",
    };

    /// <summary>What to load.</summary>
    /// <param name="Source">A name of <see cref="Named"/> or a folder.</param>
    /// <param name="TrainSubset">Train samples to keep (0 = all), drawn by the seed as a spec's <c>data.train_subset</c>.</param>
    /// <param name="TestSubset">Test samples to keep (0 = all), as <c>data.test_subset</c>.</param>
    /// <param name="SubsetSeed">Seed of the draws, as <c>data.subset_seed</c>.</param>
    public sealed record Request(string Source, int TrainSubset = 0, int TestSubset = 0, int SubsetSeed = 0);

    /// <summary>Loads the request's train and test sets.</summary>
    public static SplitDataset Load(Request request)
    {
        if (Named.TryGetValue(request.Source, out var dataset))
        {
            var dir = DataCache.Resolve(Workspace.FindRoot(Directory.GetCurrentDirectory()));
            new DataFetcher().EnsureAsync(dataset, dir, CancellationToken.None).GetAwaiter().GetResult();
            return DatasetLoader.Load(dir, new DataRequest(dataset, request.TrainSubset, request.SubsetSeed, request.TestSubset));
        }
        using var all = DataDirectory.Load(request.Source);
        return new SplitDataset(Take(all.Train, request.TrainSubset, request.SubsetSeed), Take(all.Test, request.TestSubset, request.SubsetSeed));
    }

    private static Dataset Take(Dataset data, int k, int seed)
    {
        if (k > data.Count) throw new ArgumentException($"{data.Name} has {data.Count} samples; cannot take a subset of {k}");
        return Subset.Take(data, k, seed);
    }
}
