using System.Globalization;
using Reproduce.Core.Data;

namespace Reproduce.Harness.Data;

/// <summary>
/// Loads a <see cref="DataRequest"/> as a normalized <see cref="SplitDataset"/>. Images: (n, 1, 28, 28) for the
/// MNIST-shaped sets, (n, 3, 32, 32) for CIFAR-10, float32; labels int64. Steps: verify the stored files (published
/// checksums, once per process per file; see <see cref="FileHashes"/>), read them, keep the seeded subsets (cut from the
/// stored bytes), scale bytes to [0, 1], relabel for parity, then standardize per channel with the (subset) train set's
/// statistics. A data folder marked synthetic (<see cref="SyntheticMarker"/>) is read as it is; its readers still check
/// its structure.
/// The HMM is generated instead and not standardized (its inputs are ±1). Stored data must have been fetched with
/// <see cref="DataFetcher.EnsureAsync"/>; otherwise <see cref="DataUnavailableException"/> says so.
/// </summary>
public static class DatasetLoader
{
    /// <summary>Version of what loading means; part of <see cref="Describe"/>, bumped when the output changes.</summary>
    public const string FormatVersion = "data-loader v1";

    /// <summary>The normalized train and test sets of <paramref name="request"/>.</summary>
    public static SplitDataset Load(string dataDir, DataRequest request) => LoadWithStatistics(dataDir, request).Data;

    /// <summary>As <see cref="Load"/>, with the normalization statistics to record.</summary>
    public static LoadedDataset LoadWithStatistics(string dataDir, DataRequest request)
    {
        request.Validate();
        if (request.IsHmm)
        {
            using var generated = HiddenManifoldModel.Generate(request.N, request.D, request.PatternCount, request.TestSize, request.Seed);
            var hmm = Subsets(generated, request);
            return new LoadedDataset(hmm, ChannelStatistics.Identity(1));
        }

        var stored = DataSources.StoredName(request.Dataset)!;
        var source = DataSources.All[stored];
        var problems = new List<string>();
        if (!StoredData.Verify(source, dataDir, problems))
        {
            throw new DataUnavailableException(stored,
                $"Data set '{stored}' is not stored and verified in '{source.Folder(dataDir)}' ({string.Join("; ", problems)}); " +
                "fetch it first (DataFetcher.EnsureAsync; ./build.sh Data).");
        }

        var paths = source.Paths(dataDir);
        var (train, test) = stored == "cifar10" ? ReadCifar(paths) : ReadIdx(paths, stored);
        // The subsets are cut from the stored bytes, so only the images kept are converted to float32 (the same values
        // as converting all, then selecting: scaling is elementwise); relabelling is elementwise too.
        using var raw = new SplitDataset(
            ToDataset(train, $"{request.Dataset}/train", request.TrainSubset, request.SubsetSeed),
            ToDataset(test, $"{request.Dataset}/test", request.TestSubset, request.SubsetSeed));
        using var subset = request.Dataset == "mnist-parity"
            ? new SplitDataset(ParityLabels.Apply(raw.Train, raw.Train.Name), ParityLabels.Apply(raw.Test, raw.Test.Name))
            : new SplitDataset(raw.Train with { Inputs = raw.Train.Inputs.alias(), Labels = raw.Train.Labels.alias() },
                raw.Test with { Inputs = raw.Test.Inputs.alias(), Labels = raw.Test.Labels.alias() });
        var (data, stats) = Standardization.FitApply(subset);
        return new LoadedDataset(data, stats);
    }

    /// <summary>
    /// The identity of the data a request yields, for cache keys: the loader version, the request's resolved settings,
    /// and the identity of the stored data it reads (<paramref name="identities"/>; default
    /// <see cref="DataIdentities.Published"/>, the published checksums of every file, no I/O; a data folder marked
    /// synthetic gives its own lines).
    /// </summary>
    public static IReadOnlyList<string> Describe(DataRequest request, DataIdentities? identities = null)
    {
        request.Validate();
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string> { FormatVersion, $"dataset {request.Dataset}" };
        if (request.IsHmm)
        {
            lines.Add(string.Create(inv, $"hmm N={request.N} D={request.D} P={request.PatternCount} test={request.TestSize} seed={request.Seed} (SplitMix64, Box-Muller)"));
            lines.Add("normalization none (inputs ±1)");
        }
        else
        {
            lines.AddRange((identities ?? DataIdentities.Published).Of(DataSources.StoredName(request.Dataset)!).Lines);
            lines.Add("normalization per-channel standardization, train statistics");
        }

        lines.Add(request.TrainSubset > 0 ? string.Create(inv, $"train subset {request.TrainSubset} seed {request.SubsetSeed}") : "train subset all");
        lines.Add(request.TestSubset > 0 ? string.Create(inv, $"test subset {request.TestSubset} seed {request.SubsetSeed}") : "test subset all");
        return lines;
    }

    private static SplitDataset Subsets(SplitDataset data, DataRequest request) =>
        new(Subset.Take(data.Train, request.TrainSubset, request.SubsetSeed), Subset.Take(data.Test, request.TestSubset, request.SubsetSeed));

    private static (RawImages Train, RawImages Test) ReadIdx(IReadOnlyList<string> paths, string name)
    {
        var train = RawImages.FromIdx(IdxReader.Read(paths[0]), IdxReader.Read(paths[1]), $"{name} train");
        var test = RawImages.FromIdx(IdxReader.Read(paths[2]), IdxReader.Read(paths[3]), $"{name} test");
        train.Validate(10, $"{name} train");
        test.Validate(10, $"{name} test");
        return (train, test);
    }

    private static (RawImages Train, RawImages Test) ReadCifar(IReadOnlyList<string> paths) =>
        (Cifar10Reader.Read([.. paths.Take(5)]), Cifar10Reader.Read(paths[5]));

    private static Dataset ToDataset(RawImages images, string name, int k, long seed)
    {
        var chosen = Subset.Chosen(images.Count, k, seed, name);
        var (inputs, labels) = (chosen is null ? images : images.Take(chosen)).ToTensors();
        return new Dataset(chosen is null ? name : Subset.Name(name, k, seed), inputs, labels, 10);
    }
}
