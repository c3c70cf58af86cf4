using Xunit;
using System.IO.Compression;
using Reproduce.Core.Data;
using Reproduce.Harness.Data;

namespace Reproduce.Tests.Core.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] Payload(int n) => Enumerable.Range(0, n).Select(i => (byte)(i * 7 % 256)).ToArray();

    [Fact]
    public void WrittenIdxFileReadsBackExactly()
    {
        var path = _dir.File("images-idx3-ubyte");
        var data = Payload(5 * 4 * 3);
        IdxWriter.Write(path, [5, 4, 3], data);

        var read = IdxReader.Read(path);

        Assert.Equal([5, 4, 3], read.Dimensions);
        Assert.Equal(data, read.Data);
        Assert.Equal(5, read.Count);
        Assert.Equal(12, read.SampleSize);
    }

    [Fact]
    public void GzippedIdxFileReadsBackExactly()
    {
        var path = _dir.File("labels-idx1-ubyte.gz");
        var data = Payload(17);
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            IdxWriter.Write(gzip, [17], data);
        }

        var read = IdxReader.Read(path);

        Assert.Equal([17], read.Dimensions);
        Assert.Equal(data, read.Data);
    }

    [Fact]
    public void TruncatedIdxFileIsRejectedWithItsName()
    {
        var path = _dir.File("truncated-idx3-ubyte");
        IdxWriter.Write(path, [4, 2, 2], Payload(16));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void TruncatedGzippedIdxFileIsRejectedWithItsName()
    {
        var path = _dir.File("truncated-idx1-ubyte.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            IdxWriter.Write(gzip, [4000], Payload(4000));
        }

        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void IdxFileLongerThanItsDimensionsIsRejected()
    {
        var path = _dir.File("padded-idx1-ubyte");
        IdxWriter.Write(path, [3], Payload(3));
        File.AppendAllText(path, "x");

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("longer", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x1f, 0x00, 0x08, 0x01 }, "magic")]
    [InlineData(new byte[] { 0x00, 0x00, 0x42, 0x01 }, "element type")]
    [InlineData(new byte[] { 0x00, 0x00, 0x0D, 0x01 }, "not supported")]
    [InlineData(new byte[] { 0x00, 0x00, 0x08, 0x00 }, "zero axes")]
    [InlineData(new byte[] { 0x00, 0x00 }, "magic")]
    public void WrongMagicIsRejectedWithWhatIsWrong(byte[] header, string what)
    {
        var path = _dir.File("bad-magic");
        File.WriteAllBytes(path, [.. header, 0, 0, 0, 1, 9]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(what, error.Message);
    }

    [Fact]
    public void NonPositiveAxisIsRejected()
    {
        var path = _dir.File("negative-axis");
        File.WriteAllBytes(path, [0, 0, 8, 1, 0xFF, 0xFF, 0xFF, 0xFF]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains("axis 0", error.Message);
    }
}
