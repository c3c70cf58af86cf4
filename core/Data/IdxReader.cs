using System.Buffers.Binary;
using System.IO.Compression;

namespace Reproduce.Core.Data;

/// <summary>
/// Reads IDX files (LeCun's format of MNIST): a 4-byte magic <c>00 00 TT NN</c> (TT the element type,
/// NN the number of axes), NN big-endian int32 axis sizes, then the payload in row-major order.
/// Gzipped files (first bytes <c>1f 8b</c>) are decompressed on the fly. Only unsigned bytes (TT = 0x08) are read.
/// </summary>
public static class IdxReader
{
    /// <summary>IDX type code of unsigned bytes.</summary>
    public const byte UnsignedByte = 0x08;

    private static readonly byte[] KnownTypes = [0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E];

    /// <summary>
    /// Reads one IDX file. Throws <see cref="InvalidDataException"/> naming the file when the magic is wrong,
    /// the type is not unsigned byte, an axis is not positive, or the payload length differs from Π dims
    /// (a truncated or padded file); <see cref="FileNotFoundException"/> when it is missing.
    /// </summary>
    public static IdxArray Read(string path)
    {
        using var file = File.OpenRead(path);
        var gzipped = IsGzip(file);
        using Stream stream = gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return Read(stream, path);
        }
        catch (InvalidDataException e) when (gzipped && !e.Message.StartsWith("IDX file", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"IDX file '{path}': corrupt gzip stream ({e.Message})", e);
        }
    }

    /// <summary>Reads an IDX array from an uncompressed stream; <paramref name="name"/> names it in errors.</summary>
    public static IdxArray Read(Stream stream, string name)
    {
        Span<byte> magic = stackalloc byte[4];
        if (ReadFully(stream, magic) < 4)
        {
            throw Malformed(name, "shorter than the 4-byte magic number");
        }

        if (magic[0] != 0 || magic[1] != 0)
        {
            throw Malformed(name, $"wrong magic number {Convert.ToHexString(magic)} (expected 0000TTNN)");
        }

        if (Array.IndexOf(KnownTypes, magic[2]) < 0)
        {
            throw Malformed(name, $"unknown element type 0x{magic[2]:X2}");
        }

        if (magic[2] != UnsignedByte)
        {
            throw Malformed(name, $"element type 0x{magic[2]:X2} is not supported (only unsigned byte 0x08)");
        }

        int rank = magic[3];
        if (rank == 0)
        {
            throw Malformed(name, "zero axes");
        }

        var dims = new int[rank];
        Span<byte> word = stackalloc byte[4];
        long expected = 1;
        for (var i = 0; i < rank; i++)
        {
            if (ReadFully(stream, word) < 4)
            {
                throw Malformed(name, $"truncated header: axis {i} of {rank} is missing");
            }

            dims[i] = BinaryPrimitives.ReadInt32BigEndian(word);
            if (dims[i] <= 0)
            {
                throw Malformed(name, $"axis {i} has size {dims[i]} (must be positive)");
            }

            expected *= dims[i];
            if (expected > Array.MaxLength)
            {
                throw Malformed(name, $"payload of {expected} bytes is larger than this reader supports");
            }
        }

        var data = new byte[expected];
        var read = ReadFully(stream, data);
        if (read < expected)
        {
            throw Malformed(name, $"truncated: payload has {read} bytes, dimensions [{string.Join(", ", dims)}] need {expected}");
        }

        if (stream.ReadByte() >= 0)
        {
            throw Malformed(name, $"payload is longer than dimensions [{string.Join(", ", dims)}] allow ({expected} bytes)");
        }

        return new IdxArray(dims, data);
    }

    /// <summary>Whether the stream starts with the gzip magic <c>1f 8b</c>; the position is restored.</summary>
    public static bool IsGzip(Stream seekable)
    {
        var start = seekable.Position;
        var b0 = seekable.ReadByte();
        var b1 = seekable.ReadByte();
        seekable.Position = start;
        return b0 == 0x1f && b1 == 0x8b;
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static InvalidDataException Malformed(string name, string what) => new($"IDX file '{name}': {what}");
}
