using System.Buffers.Binary;

namespace Reproduce.Harness.Data;

/// <summary>
/// Writes IDX files of unsigned bytes (see <see cref="Reproduce.Core.Data.IdxReader"/>): magic 00 00 08 rank,
/// big-endian int32 axis sizes, then the payload. Writes made-up data in MNIST's format (a folder marked
/// <see cref="SyntheticMarker"/>, tests).
/// </summary>
public static class IdxWriter
{
    /// <summary>Writes <paramref name="data"/> (Π dimensions bytes, row-major) to <paramref name="path"/>, uncompressed.</summary>
    public static void Write(string path, int[] dimensions, ReadOnlySpan<byte> data)
    {
        using var stream = File.Create(path);
        Write(stream, dimensions, data);
    }

    /// <summary>Writes the IDX header and payload to a stream.</summary>
    public static void Write(Stream stream, int[] dimensions, ReadOnlySpan<byte> data)
    {
        if (dimensions.Length is 0 or > 255)
        {
            throw new ArgumentException("an IDX file has 1..255 axes", nameof(dimensions));
        }

        long size = 1;
        foreach (var d in dimensions)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(d, nameof(dimensions));
            size *= d;
        }

        if (size != data.Length)
        {
            throw new ArgumentException($"{data.Length} bytes for dimensions [{string.Join(", ", dimensions)}] ({size} bytes)", nameof(data));
        }

        Span<byte> word = stackalloc byte[4];
        word[0] = 0;
        word[1] = 0;
        word[2] = Reproduce.Core.Data.IdxReader.UnsignedByte;
        word[3] = (byte)dimensions.Length;
        stream.Write(word);
        foreach (var d in dimensions)
        {
            BinaryPrimitives.WriteInt32BigEndian(word, d);
            stream.Write(word);
        }

        stream.Write(data);
    }
}
