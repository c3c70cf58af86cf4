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
    public static DataSource TinySource()
    {
        var idx = TinyIdx();
        var sha = Convert.ToHexStringLower(SHA256.HashData(idx));
        var md5 = Convert.ToHexStringLower(MD5.HashData(Gzip(idx)));
        return new DataSource(
            "tiny",
            [new StoredFile("tiny-idx1-ubyte", idx.Length, sha)],
            [new RemoteArchive("tiny-idx1-ubyte.gz", md5, [DeadAddress, MirrorAddress], ["tiny-idx1-ubyte"])],
            new NpmPackage("tiny@1.0.0", "package/data", IsFashionMnistJson: false));
    }

    public static Dictionary<string, DataSource> Sources(DataSource source) => new() { [source.Name] = source };
}
