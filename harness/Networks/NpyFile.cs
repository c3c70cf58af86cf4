using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace Reproduce.Harness.Networks;

/// <summary>
/// Reads a NumPy .npy array (<c>np.save</c>; format versions 1-3): the magic <c>\x93NUMPY</c>, a version, a header
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (n, d), }</c>, then the raw C-order data. Little-endian
/// bool, uint8, int8, int16, int32, int64, float16, float32 and float64 are read; Fortran order, big-endian and
/// object arrays are refused, as is a file whose data is shorter or longer than its shape says (a truncated file).
/// </summary>
public static partial class NpyFile
{
    private static readonly Dictionary<string, (ScalarType DType, int Size)> Types = new()
    {
        ["|b1"] = (ScalarType.Bool, 1), ["|u1"] = (ScalarType.Byte, 1), ["|i1"] = (ScalarType.Int8, 1), ["<i2"] = (ScalarType.Int16, 2),
        ["<i4"] = (ScalarType.Int32, 4), ["<i8"] = (ScalarType.Int64, 8), ["<f2"] = (ScalarType.Float16, 2), ["<f4"] = (ScalarType.Float32, 4),
        ["<f8"] = (ScalarType.Float64, 8),
    };

    /// <summary>The array in <paramref name="path"/> as a tensor of its dtype and shape, on the CPU.</summary>
    public static Tensor Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
            throw new InvalidDataException($"{path}: not a .npy file (np.save writes one)");
        var major = bytes[6];
        var (headerLength, start) = major switch
        {
            1 => (BitConverter.ToUInt16(bytes, 8), 10),
            2 or 3 when bytes.Length >= 12 => ((int)BitConverter.ToUInt32(bytes, 8), 12),
            _ => throw new InvalidDataException($"{path}: .npy format version {major} is not read"),
        };
        if (start + headerLength > bytes.Length) throw new InvalidDataException($"{path}: the header runs past the end of the file");
        var header = Encoding.Latin1.GetString(bytes, start, headerLength);
        var descr = HeaderField().Match(header) is { Success: true } d ? d.Groups[1].Value : throw new InvalidDataException($"{path}: no 'descr' in the header");
        if (!Types.TryGetValue(descr.Replace("=", "<"), out var type))
            throw new InvalidDataException($"{path}: dtype '{descr}' is not read (little-endian bool, uint8, int8-64, float16-64 are)");
        if (FortranOrder().IsMatch(header)) throw new InvalidDataException($"{path}: Fortran-ordered; save np.ascontiguousarray(x)");
        var shapeText = ShapeField().Match(header) is { Success: true } s ? s.Groups[1].Value : throw new InvalidDataException($"{path}: no 'shape' in the header");
        var shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => long.TryParse(p.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new InvalidDataException($"{path}: shape ({shapeText}) is not a list of sizes"))
            .ToArray();
        var count = shape.Aggregate(1L, (a, b) => checked(a * b));
        var expected = checked(count * type.Size);
        var data = bytes.Length - start - headerLength;
        if (data != expected)
            throw new InvalidDataException($"{path}: holds {data} bytes of data, its shape ({shapeText}) of {descr} needs {expected} (a truncated or altered file)");
        if (expected > int.MaxValue) throw new InvalidDataException($"{path}: over 2 GB; not read");
        var t = empty(shape, type.DType);
        if (expected > 0) t.bytes = bytes.AsSpan(start + headerLength, (int)expected);
        return t;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex HeaderField();

    [GeneratedRegex(@"'fortran_order'\s*:\s*True")]
    private static partial Regex FortranOrder();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeField();
}
