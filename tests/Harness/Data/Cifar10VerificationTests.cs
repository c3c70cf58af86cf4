using Reproduce.Harness.Data;
using Reproduce.Tests.Core.Data;
using Xunit;

namespace Reproduce.Tests.Harness.Data;

/// <summary>
/// CIFAR-10 batches placed in <c>&lt;data&gt;/cifar10/</c> are checked against the published per-file checksums before
/// use; synthetic batches pass only when the folder is marked, and then under an identity that is not CIFAR-10's.
/// </summary>
public sealed class Cifar10VerificationTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Folder => Path.Combine(_dir.Path, "cifar10");

    private Task<IReadOnlyList<string>> Ensure() => new DataFetcher(new FakeTransport()).EnsureAsync("cifar10", _dir.Path, CancellationToken.None);

    [Fact]
    public async Task UnmarkedSyntheticBatchesAreRefusedAsTruncatedWithTheirNames()
    {
        var paths = SyntheticCifar10.Write(Folder, perBatch: 20, test: 20, mark: false);

        var error = await Assert.ThrowsAsync<DataUnavailableException>(Ensure);

        Assert.All(paths, p => Assert.Contains($"'{p}' has 61460 bytes, expected 30730000 (truncated or wrong file)", error.Message));
        Assert.Throws<DataUnavailableException>(() => DatasetLoader.Load(_dir.Path, new DataRequest("cifar10")));
    }

    [Fact]
    public async Task BatchOfTheRightLengthButWrongContentIsRefusedByItsPublishedMd5()
    {
        // 10,000 made-up records: exactly a real batch's 30,730,000 bytes, so only the checksum can tell.
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, "data_batch_1.bin");
        File.WriteAllBytes(path, SyntheticCifar10.Batch(10000, new Random(3)));

        var error = await Assert.ThrowsAsync<DataUnavailableException>(Ensure);

        Assert.Contains($"'{path}' has MD5 ", error.Message);
        Assert.Contains("expected the published 5dd7e06a14cb22eb9f671a540d1b7c25", error.Message);
        Assert.Contains($"'{Path.Combine(Folder, "test_batch.bin")}' is missing", error.Message);
    }

    [Fact]
    public async Task MarkedSyntheticBatchesLoadUnderAnIdentityThatIsNotCifar10()
    {
        SyntheticCifar10.Write(Folder, perBatch: 20, test: 30);

        await Ensure();
        using var data = DatasetLoader.Load(_dir.Path, new DataRequest("cifar10"));
        var synthetic = DatasetLoader.Describe(new DataRequest("cifar10"), DataIdentities.Read(_dir.Path));
        var published = DatasetLoader.Describe(new DataRequest("cifar10"));

        Assert.Equal([100L, 3, 32, 32], data.Train.Inputs.shape);
        Assert.Equal([30L], data.Test.Labels.shape);
        Assert.Contains($"cifar10 SYNTHETIC, not the published data set: {SyntheticCifar10.Description}", synthetic);
        Assert.Contains("cifar10 published checksums: 6 of 6 files differ from the published ones", synthetic);
        Assert.Contains("cifar10/data_batch_1.bin md5:5dd7e06a14cb22eb9f671a540d1b7c25", published);
        Assert.Empty(synthetic.Where(l => l.StartsWith("cifar10", StringComparison.Ordinal)).Intersect(published));
    }

    [Fact]
    public void MarkedSyntheticBatchTruncatedMidRecordIsRefusedWithItsNameWhenRead()
    {
        var paths = SyntheticCifar10.Write(Folder, perBatch: 20, test: 30);
        File.WriteAllBytes(paths[2], File.ReadAllBytes(paths[2])[..^100]);

        var error = Assert.Throws<InvalidDataException>(() => DatasetLoader.Load(_dir.Path, new DataRequest("cifar10")));

        Assert.Contains(paths[2], error.Message);
        Assert.Contains("truncated", error.Message);
    }
}
