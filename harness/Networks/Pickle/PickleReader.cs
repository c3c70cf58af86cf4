using System.Buffers.Binary;
using System.Text;

namespace Reproduce.Harness.Networks.Pickle;

/// <summary>
/// The byte cursor the project's two pickle walkers share (<see cref="RestrictedUnpickler"/>, which builds a state dict,
/// and <see cref="PickleGlobals"/>, which only lists the globals a pickle names): fixed-size reads that refuse to run
/// past the end, lengths that refuse to be negative, and errors that start with the file's name.
/// </summary>
public abstract class PickleReader
{
    private protected readonly byte[] data;
    private protected readonly string file;
    private protected int pos;

    private protected PickleReader(byte[] data, string file)
    {
        this.data = data;
        this.file = file;
    }

    /// <summary>The next <paramref name="n"/> bytes; a pickle that ends first is refused as truncated.</summary>
    private protected ReadOnlySpan<byte> Bytes(int n)
    {
        if (n > data.Length - pos) throw Bad($"the pickle ends inside an opcode at byte {pos} (a truncated file)");
        var span = data.AsSpan(pos, n);
        pos += n;
        return span;
    }

    /// <summary>The next <paramref name="n"/> bytes as UTF-8.</summary>
    private protected string Text(int n) => Encoding.UTF8.GetString(Bytes(n));

    /// <summary>A 4-byte little-endian length of the opcode at <paramref name="at"/>; a negative one is refused.</summary>
    private protected int Length4(int at)
    {
        var n = BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));
        return n >= 0 ? n : throw Bad($"a negative length at byte {at}");
    }

    /// <summary>An error that names the file.</summary>
    private protected InvalidDataException Bad(string problem) => new($"{file}: {problem}");
}
