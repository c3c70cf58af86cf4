using Xunit;
using Reproduce.Core.Data;

namespace Reproduce.Tests.Core.Data;

public sealed class Cifar10ReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] Batch(params byte[] labels)
    {
        var bytes = new byte[labels.Length * Cifar10Reader.RecordSize];
        for (var r = 0; r < labels.Length; r++)
        {
            bytes[r * Cifar10Reader.RecordSize] = labels[r];
            for (var i = 1; i < Cifar10Reader.RecordSize; i++)
            {
                bytes[(r * Cifar10Reader.RecordSize) + i] = (byte)((r * 31) + i);
            }
        }

        return bytes;
    }

    [Fact]
    public void BatchesReadBackInOrderWithChwPixels()
    {
        File.WriteAllBytes(_dir.File("data_batch_1.bin"), Batch(3, 9));
        File.WriteAllBytes(_dir.File("data_batch_2.bin"), Batch(0));

        var images = Cifar10Reader.Read(_dir.File("data_batch_1.bin"), _dir.File("data_batch_2.bin"));

        Assert.Equal([3, 9, 0], images.Labels);
        Assert.Equal(3, images.Count);
        Assert.Equal(3 * 32 * 32, images.ImageSize);
        // Record 1, pixel (channel 2, row 0, col 5) is record byte 1 + 2·1024 + 5.
        Assert.Equal(unchecked((byte)(31 + 1 + 2048 + 5)), images.Pixels[3072 + 2048 + 5]);
        var (inputs, labels) = images.ToTensors();
        using (inputs)
        using (labels)
        {
            Assert.Equal([3L, 3, 32, 32], inputs.shape);
            Assert.Equal(9L, labels[1].item<long>());
        }
    }

    [Fact]
    public void TruncatedCifarBatchIsRejectedWithItsName()
    {
        var path = _dir.File("data_batch_3.bin");
        File.WriteAllBytes(path, Batch(1, 2)[..^100]);

        var error = Assert.Throws<InvalidDataException>(() => Cifar10Reader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("3073", error.Message);
    }

    [Fact]
    public void CifarLabelOfTenIsRejected()
    {
        var path = _dir.File("test_batch.bin");
        File.WriteAllBytes(path, Batch(1, 10));

        var error = Assert.Throws<InvalidDataException>(() => Cifar10Reader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("label 10", error.Message);
    }
}
