using Reproduce.Harness.Data;
using Reproduce.Tests.Core.Data;
using Xunit;

namespace Reproduce.Tests.Harness.Data;

/// <summary>Files placed in the data folder by hand: verified by the published checksums, or used as marked synthetic data.</summary>
public sealed class StoredDataTests : IDisposable
{
    private static readonly byte[] First = [1, 2, 3, 4, 5, 6];
    private static readonly byte[] Second = [9, 8, 7];
    private readonly TempDir _dir = new();
    private readonly byte[] _archive = Some.Tarball(("batches/a.bin", First), ("batches/b.bin", Second));

    public void Dispose() => _dir.Dispose();

    private DataSource Source => Some.Md5Source(First, Second, _archive);

    private string Place(string name, byte[] bytes)
    {
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(_dir.Path, "batches")).FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private async Task<DataUnavailableException> Refused(FakeTransport transport) =>
        await Assert.ThrowsAsync<DataUnavailableException>(() => new DataFetcher(transport, Some.Sources(Source)).EnsureAsync("batches", _dir.Path, CancellationToken.None));

    [Fact]
    public async Task HandPlacedFilesWithTheirPublishedMd5AreUsedWithoutFetchingAndRecorded()
    {
        Place("a.bin", First);
        Place("b.bin", Second);
        var transport = new FakeTransport();

        var files = await new DataFetcher(transport, Some.Sources(Source)).EnsureAsync("batches", _dir.Path, CancellationToken.None);

        Assert.Equal(2, files.Count);
        Assert.Equal(0, transport.Downloads);
        Assert.Contains($"{Some.Sha256(First)}  a.bin", File.ReadAllText(Path.Combine(_dir.Path, "batches", StoredData.SumsFile)));
    }

    [Fact]
    public async Task HandPlacedWrongFileIsRefusedWithItsNameAndLeftInPlace()
    {
        var wrong = Place("a.bin", [1, 2, 3, 4, 5, 0]);
        Place("b.bin", Second);

        var error = await Refused(new FakeTransport());

        Assert.Contains($"'{wrong}' has MD5 {Some.Md5([1, 2, 3, 4, 5, 0])}, expected the published {Some.Md5(First)}", error.Message);
        Assert.True(File.Exists(wrong), "a user's file is refused, not deleted");
    }

    [Fact]
    public async Task HandPlacedTruncatedFileIsRefusedWithItsName()
    {
        var truncated = Place("a.bin", First[..4]);
        Place("b.bin", Second);

        var error = await Refused(new FakeTransport());

        Assert.Contains($"'{truncated}' has 4 bytes, expected 6 (truncated or wrong file)", error.Message);
    }

    [Fact]
    public async Task RefusedFileIsReplacedWhenTheArchiveCanBeHad()
    {
        var wrong = Place("a.bin", [0, 0, 0, 0, 0, 0]);
        var transport = new FakeTransport();
        transport.Served[Some.MirrorAddress] = _archive;

        await new DataFetcher(transport, Some.Sources(Source)).EnsureAsync("batches", _dir.Path, CancellationToken.None);

        Assert.Equal(First, File.ReadAllBytes(wrong));
    }

    [Fact]
    public async Task SyntheticFolderIsUsedAsItIsAndItsIdentitySaysItIsNotThePublishedData()
    {
        Place("a.bin", [7, 7, 7]);
        Place("b.bin", Second);
        SyntheticMarker.Write(Path.Combine(_dir.Path, "batches"), "made up for a test");
        var transport = new FakeTransport();
        transport.Served[Some.MirrorAddress] = _archive;

        await new DataFetcher(transport, Some.Sources(Source)).EnsureAsync("batches", _dir.Path, CancellationToken.None);
        var identity = DataIdentity.Read(Source, _dir.Path);

        Assert.Equal(0, transport.Downloads);
        Assert.True(identity.Synthetic);
        Assert.Equal("batches SYNTHETIC, not the published data set: made up for a test", identity.Lines[0]);
        Assert.Contains($"batches/a.bin sha256:{Some.Sha256([7, 7, 7])} bytes:3", identity.Lines);
        Assert.Equal("batches published checksums: 1 of 2 files differ from the published ones", identity.Lines[^1]);
        Assert.Contains("NOT the published data set", identity.Provenance);
        Assert.Empty(identity.Lines.Intersect(DataIdentity.Published(Source).Lines));
    }

    [Fact]
    public async Task IncompleteSyntheticFolderIsNeverFetchedOver()
    {
        Place("a.bin", [7, 7, 7]);
        SyntheticMarker.Write(Path.Combine(_dir.Path, "batches"), "made up for a test");
        var transport = new FakeTransport();
        transport.Served[Some.MirrorAddress] = _archive;

        var error = await Refused(transport);

        Assert.Contains(Path.Combine(_dir.Path, "batches", "b.bin"), error.Message);
        Assert.Contains("marked SYNTHETIC", error.Message);
        Assert.Equal(0, transport.Downloads);
        Assert.Equal([7, 7, 7], File.ReadAllBytes(Path.Combine(_dir.Path, "batches", "a.bin")));
    }

    [Fact]
    public void SyntheticMarkOnThePublishedBytesStillGivesASyntheticIdentityThatSaysTheyMatch()
    {
        Place("a.bin", First);
        Place("b.bin", Second);
        SyntheticMarker.Write(Path.Combine(_dir.Path, "batches"), "copied");

        var identity = DataIdentity.Read(Source, _dir.Path);

        Assert.True(identity.Synthetic);
        Assert.Equal("batches published checksums: every file matches the published checksums", identity.Lines[^1]);
    }
}
