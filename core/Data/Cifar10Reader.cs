namespace Reproduce.Core.Data;

/// <summary>
/// Reads CIFAR-10 binary batches (<c>data_batch_1.bin</c> … <c>test_batch.bin</c>): records of
/// 1 label byte followed by 3072 pixel bytes, the image (3, 32, 32) in CHW order (1024 red, 1024 green, 1024 blue).
/// </summary>
public static class Cifar10Reader
{
    /// <summary>Channels, height and width of one image.</summary>
    public const int Channels = 3, Height = 32, Width = 32;

    /// <summary>Bytes of one record: 1 + 3·32·32 = 3073.</summary>
    public const int RecordSize = 1 + (Channels * Height * Width);

    /// <summary>Number of classes; every label byte must be below it.</summary>
    public const int Classes = 10;

    /// <summary>
    /// Reads and concatenates batch files in the given order. Throws <see cref="InvalidDataException"/> naming the
    /// file when its length is not a positive multiple of 3073 or a label is ≥ 10.
    /// </summary>
    public static RawImages Read(params string[] paths)
    {
        var batches = paths.Select(p => (Path: p, Bytes: File.ReadAllBytes(p))).ToList();
        var count = 0;
        foreach (var (path, bytes) in batches)
        {
            if (bytes.Length == 0 || bytes.Length % RecordSize != 0)
            {
                throw new InvalidDataException(
                    $"CIFAR-10 batch '{path}': length {bytes.Length} is not a positive multiple of the record size {RecordSize} (truncated?)");
            }

            count += bytes.Length / RecordSize;
        }

        const int imageSize = RecordSize - 1;
        var pixels = new byte[(long)count * imageSize];
        var labels = new byte[count];
        var n = 0;
        foreach (var (path, bytes) in batches)
        {
            for (var offset = 0; offset < bytes.Length; offset += RecordSize, n++)
            {
                var label = bytes[offset];
                if (label >= Classes)
                {
                    throw new InvalidDataException(
                        $"CIFAR-10 batch '{path}': record {offset / RecordSize} has label {label}, expected 0..{Classes - 1}");
                }

                labels[n] = label;
                Buffer.BlockCopy(bytes, offset + 1, pixels, n * imageSize, imageSize);
            }
        }

        return new RawImages(pixels, labels, Channels, Height, Width);
    }
}
