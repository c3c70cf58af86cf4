using Reproduce.Harness.Data;
using Reproduce.Tests.Core.Data;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Harness.Data;

public sealed class DatasetLoaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void DescribeNamesEveryStoredFileHashAndTheSettings()
    {
        var lines = DatasetLoader.Describe(new DataRequest("mnist-parity", TrainSubset: 1000, SubsetSeed: 3));

        Assert.Contains("mnist/train-images-idx3-ubyte sha256:ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", lines);
        Assert.Contains("train subset 1000 seed 3", lines);
        Assert.Contains("dataset mnist-parity", lines);
        Assert.Equal(lines, DatasetLoader.Describe(new DataRequest("mnist-parity", TrainSubset: 1000, SubsetSeed: 3)));
        Assert.NotEqual(lines, DatasetLoader.Describe(new DataRequest("mnist-parity", TrainSubset: 1000, SubsetSeed: 4)));
        Assert.Contains("cifar10/test_batch.bin md5:803d5f7f4d78ea53de84dbe85f74fb6d", DatasetLoader.Describe(new DataRequest("cifar10")));
    }

    [Fact]
    public void HmmLoadsWithoutFilesAsSignInputsAndBinaryLabels()
    {
        using var loaded = DatasetLoader.LoadWithStatistics(_dir.Path, new DataRequest("hmm", N: 30, D: 10, TestSize: 40, Seed: 2));

        Assert.Equal([30L, 30], loaded.Data.Train.Inputs.shape);
        Assert.Equal([40L, 30], loaded.Data.Test.Inputs.shape);
        Assert.Equal(2, loaded.Data.Train.Classes);
        Assert.Equal([0.0], loaded.Statistics.Mean);
    }

    [Fact]
    public void MissingStoredDataIsUnavailableWithItsFolder()
    {
        var error = Assert.Throws<DataUnavailableException>(() => DatasetLoader.Load(_dir.Path, new DataRequest("mnist")));

        Assert.Contains(Path.Combine(_dir.Path, "mnist"), error.Message);
        Assert.Contains("EnsureAsync", error.Message);
    }

    [Fact]
    public void InvalidRequestNamesTheField()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetLoader.Describe(new DataRequest("mnist", TrainSubset: -1)));

        Assert.Contains("TrainSubset", error.Message);
    }

    [StoredMnistFact]
    public void RealMnistLoadsNormalizedWhenAlreadyInTheDataCache()
    {
        // Tolerances: the train mean after standardization is 0 up to float32 rounding (1e-4); MNIST's pixel mean is
        // 0.1307 on the full train set, within 0.01 on a 2000-sample subset.
        using var loaded = DatasetLoader.LoadWithStatistics(StoredMnistFactAttribute.DataDir, new DataRequest("mnist-parity", TrainSubset: 2000, SubsetSeed: 1, TestSubset: 500));

        Assert.Equal([2000L, 1, 28, 28], loaded.Data.Train.Inputs.shape);
        Assert.Equal([500L], loaded.Data.Test.Labels.shape);
        Assert.InRange(loaded.Data.Train.Inputs.mean().item<float>(), -1e-4f, 1e-4f);
        Assert.InRange(loaded.Statistics.Mean[0], 0.12, 0.14);
        Assert.Equal(1L, loaded.Data.Train.Labels.max().item<long>());
    }
}
