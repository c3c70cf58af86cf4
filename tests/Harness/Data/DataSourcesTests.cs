using System.Diagnostics;
using Reproduce.Harness.Data;
using Reproduce.Tests.Core.Data;
using Xunit;

namespace Reproduce.Tests.Harness.Data;

public sealed class DataSourcesTests
{
    [Fact]
    public void EveryStoredFileHasAPublishedChecksumAndASource()
    {
        foreach (var source in DataSources.All.Values)
        {
            var fromArchives = source.Archives.SelectMany(a => a.Produces).ToHashSet();
            foreach (var file in source.Files)
            {
                Assert.True(fromArchives.Contains(file.Name) || source.Npm is not null, $"{source.Name}/{file.Name} has no source");
                Assert.True(file.Sha256 is { Length: 64 } || file.Md5 is { Length: 32 }, $"{source.Name}/{file.Name} has neither a SHA-256 nor an MD5");
            }

            Assert.All(source.Archives.SelectMany(a => a.Addresses), a => Assert.True(a.Md5 is null or { Length: 32 }, $"{a.Uri}: MD5 '{a.Md5}'"));
            Assert.All(source.Archives.SelectMany(a => a.Addresses).Where(a => !a.Uri.IsFile), a => Assert.NotNull(a.Md5));
            Assert.False(string.IsNullOrWhiteSpace(source.Provenance));
        }
    }

    [Fact]
    public void FashionMnistIsTheCanonicalSplitFromDebianThenZalando()
    {
        // The stored files are checked by the SHA-256 of Zalando's decompressed contents; Debian's recompressed .gz files
        // (other MD5s) are checked only through them, Zalando's own .gz files also by their published MD5s.
        var fashion = DataSources.FashionMnist;

        Assert.Contains("fashion-mnist/train-labels-idx1-ubyte sha256:bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", fashion.Identity());
        Assert.Null(fashion.Npm);
        var labels = fashion.Archives.Single(a => a.Produces.Single() == "train-labels-idx1-ubyte");
        Assert.Equal(new ArchiveAddress(new Uri("file:///usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz"), null), labels.Addresses[0]);
        Assert.Equal(["25c81989df183df01b3e8a0aad5dffbe"], labels.PublishedMd5s);
        Assert.DoesNotContain("fashion-mnist-zalando", DataSources.Names);
    }

    [Fact]
    public void RequestNamesResolveToTheirStoredDataSet()
    {
        Assert.Equal("mnist", DataSources.StoredName("mnist-parity"));
        Assert.Null(DataSources.StoredName("hmm"));
        Assert.All(DataSources.Names, name => DataSources.StoredName(name));
        Assert.Equal(300, new DataRequest("hmm").PatternCount);
    }

    [Fact]
    public async Task DownloadFromAClosedPortFailsFast()
    {
        // Port 9 (discard) on the loopback is closed on build machines: the connection is refused at once.
        // The bound of 5 s is the connect timeout; a refusal takes milliseconds.
        using var dir = new TempDir();
        using var transport = new DataTransport(connectTimeout: TimeSpan.FromSeconds(5), responseTimeout: TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<Exception>(() => transport.DownloadAsync(new Uri("http://127.0.0.1:9/x.gz"), dir.File("x.gz"), CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
    }
}
