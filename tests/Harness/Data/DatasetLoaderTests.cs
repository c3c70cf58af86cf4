using Reproduce.Core.Data;
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

    [StoredMnistFact]
    public void SubsetsCutFromTheStoredBytesEqualSubsetsOfTheConvertedSet()
    {
        // The loader keeps the seeded subsets before converting bytes to float32 (only the images kept are converted);
        // the result must be bit for bit what converting all 70,000 images, relabelling and then selecting gives.
        var dir = StoredMnistFactAttribute.DataDir;
        var request = new DataRequest("mnist-parity", TrainSubset: 3000, SubsetSeed: 4, TestSubset: 700);
        using var loaded = DatasetLoader.LoadWithStatistics(dir, request);

        var paths = DataSources.All["mnist"].Paths(dir);
        var (trainInputs, trainLabels) = RawImages.FromIdx(IdxReader.Read(paths[0]), IdxReader.Read(paths[1]), "train").ToTensors();
        var (testInputs, testLabels) = RawImages.FromIdx(IdxReader.Read(paths[2]), IdxReader.Read(paths[3]), "test").ToTensors();
        using var train = new Dataset("mnist-parity/train", trainInputs, trainLabels, 10);
        using var test = new Dataset("mnist-parity/test", testInputs, testLabels, 10);
        using var trainParity = ParityLabels.Apply(train, train.Name);
        using var testParity = ParityLabels.Apply(test, test.Name);
        using var subset = new SplitDataset(Subset.Take(trainParity, 3000, 4), Subset.Take(testParity, 700, 4));
        var (expected, stats) = Standardization.FitApply(subset);
        using var _ = expected;

        Assert.Equal(stats.Mean, loaded.Statistics.Mean);
        Assert.Equal(stats.Std, loaded.Statistics.Std);
        Assert.Equal(expected.Train.Name, loaded.Data.Train.Name);
        Assert.Equal(expected.Test.Name, loaded.Data.Test.Name);
        Same(expected.Train.Inputs, loaded.Data.Train.Inputs);
        Same(expected.Test.Inputs, loaded.Data.Test.Inputs);
        Same(expected.Train.Labels, loaded.Data.Train.Labels);
        Same(expected.Test.Labels, loaded.Data.Test.Labels);
        Assert.Equal(2, loaded.Data.Train.Classes);
    }

    private static void Same(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.dtype, actual.dtype);
        Assert.Equal(expected.shape, actual.shape);
        Assert.True(expected.eq(actual).all().item<bool>());
    }

    [Fact]
    public void TakingImagesCopiesTheirBytesAndLabelsInOrder()
    {
        var images = new RawImages([.. Enumerable.Range(0, 5 * 4).Select(i => (byte)i)], [9, 8, 7, 6, 5], 1, 2, 2);
        var kept = images.Take([3, 0]);
        Assert.Equal([12, 13, 14, 15, 0, 1, 2, 3], kept.Pixels);
        Assert.Equal([6, 9], kept.Labels);
        Assert.Throws<ArgumentOutOfRangeException>(() => images.Take([5]));
    }
}
