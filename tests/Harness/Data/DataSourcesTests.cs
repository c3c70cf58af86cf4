using System.Diagnostics;
using Reproduce.Harness.Data;
using Reproduce.Tests.Core.Data;
using Xunit;

namespace Reproduce.Tests.Harness.Data;

public sealed class DataSourcesTests
{
    [Fact]
    public void EveryStoredFileComesFromAnArchiveOrTheNpmFallback()
    {
        foreach (var source in DataSources.All.Values)
        {
            var fromArchives = source.Archives.SelectMany(a => a.Produces).ToHashSet();
            foreach (var file in source.Files)
            {
                Assert.True(fromArchives.Contains(file.Name) || source.Npm is not null, $"{source.Name}/{file.Name} has no source");
                Assert.True(file.Sha256 is not null || fromArchives.Contains(file.Name), $"{source.Name}/{file.Name} has neither SHA-256 nor MD5");
                Assert.True(file.Sha256 is null || file.Sha256.Length == 64, $"{source.Name}/{file.Name} SHA-256 is not 64 hex digits");
            }

            Assert.All(source.Archives, a => Assert.Equal(32, a.Md5.Length));
        }
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
