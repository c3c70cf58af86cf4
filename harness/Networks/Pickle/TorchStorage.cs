using static TorchSharp.torch;

namespace Reproduce.Harness.Networks.Pickle;

/// <summary>
/// One storage of a <c>torch.save</c> archive, as its pickle's persistent id names it:
/// <c>('storage', torch.&lt;Type&gt;Storage, key, location, numel)</c>; its bytes are the archive entry <c>data/&lt;key&gt;</c>.
/// </summary>
/// <param name="Key">The entry name under <c>data/</c>.</param>
/// <param name="DType">The element type of the storage class.</param>
/// <param name="Count">Number of elements.</param>
public sealed record TorchStorage(string Key, ScalarType DType, long Count)
{
    private static readonly (string Name, ScalarType DType, int Size)[] Types =
    [
        ("FloatStorage", ScalarType.Float32, 4), ("DoubleStorage", ScalarType.Float64, 8), ("HalfStorage", ScalarType.Float16, 2),
        ("BFloat16Storage", ScalarType.BFloat16, 2), ("LongStorage", ScalarType.Int64, 8), ("IntStorage", ScalarType.Int32, 4),
        ("ShortStorage", ScalarType.Int16, 2), ("CharStorage", ScalarType.Int8, 1), ("ByteStorage", ScalarType.Byte, 1),
        ("BoolStorage", ScalarType.Bool, 1),
    ];

    /// <summary>The storage classes read (torch.FloatStorage, …): real dtypes only, no complex or quantized ones.</summary>
    public static IEnumerable<string> Names => Types.Select(t => t.Name);

    /// <summary>Bytes per element of <see cref="DType"/>.</summary>
    public int ElementSize => Types.First(t => t.DType == DType).Size;

    /// <summary>The dtype of storage class <paramref name="name"/> (e.g. FloatStorage), or null when it is not read.</summary>
    public static ScalarType? DTypeOf(string name) => Types.Where(t => t.Name == name).Select(t => (ScalarType?)t.DType).FirstOrDefault();
}
