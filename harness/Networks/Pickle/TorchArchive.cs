using System.IO.Compression;
using static TorchSharp.torch;

namespace Reproduce.Harness.Networks.Pickle;

/// <summary>
/// Reads the state dict of a <c>torch.save(model.state_dict(), "x.pt")</c> file (PyTorch ≥ 1.6's zip format) without
/// unpickling arbitrary code: the zip holds <c>&lt;name&gt;/data.pkl</c>, a pickle of an OrderedDict whose values are
/// tensors rebuilt by <c>torch._utils._rebuild_tensor_v2(storage, offset, size, stride, …)</c>, and one entry
/// <c>&lt;name&gt;/data/&lt;key&gt;</c> of raw little-endian bytes per storage. The pickle runs on
/// <see cref="RestrictedUnpickler"/>, which refuses any other global; every storage's length and every tensor's view
/// (offset + Σ (size_i − 1)·stride_i &lt; numel) is checked before a byte is copied. Tensors come back contiguous, on the
/// CPU, each with its own memory (tensors that shared a storage in PyTorch no longer do).
/// </summary>
public static class TorchArchive
{
    /// <summary>Whether the zip is a TorchScript module (torch.jit.save: it has <c>code/</c> and <c>constants.pkl</c>).</summary>
    public static bool IsTorchScript(ZipArchive zip) =>
        zip.Entries.Any(e => e.FullName.Contains("/code/", StringComparison.Ordinal) || e.FullName.EndsWith("/constants.pkl", StringComparison.Ordinal));

    /// <summary>
    /// The tensors of the state dict in <paramref name="zip"/> (the file <paramref name="path"/>, <paramref name="fileLength"/>
    /// bytes long), in the file's order. Throws <see cref="InvalidDataException"/> naming the file and the problem.
    /// </summary>
    public static Dictionary<string, Tensor> ReadStateDict(ZipArchive zip, string path, long fileLength)
    {
        var pickles = zip.Entries.Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1).ToList();
        if (pickles.Count != 1)
            throw new InvalidDataException($"{path}: a zip archive without exactly one <name>/data.pkl ({pickles.Count} found): not a torch.save file");
        var prefix = pickles[0].FullName[..^"/data.pkl".Length];
        if (zip.GetEntry($"{prefix}/byteorder") is { } order && ReadText(order, path, fileLength).Trim() != "little")
            throw new InvalidDataException($"{path}: saved on a big-endian machine; only little-endian files are read");
        var storages = new Dictionary<string, Tensor>();
        using var scope = NewDisposeScope();
        var unpickler = new RestrictedUnpickler(ReadBytes(pickles[0], path, fileLength), $"{path} ({pickles[0].FullName})",
            id => Storage(id, path),
            (name, args) => Call(name, args, zip, prefix, path, fileLength, storages));
        var root = unpickler.Load();
        var result = StateDict(root, path);
        foreach (var t in result.Values) t.MoveToOuterDisposeScope();
        return result;
    }

    private static TorchStorage Storage(object?[] id, string path)
    {
        if (id is not ["storage", RestrictedUnpickler.Global type, string key, string, long count] || count < 0)
            throw new InvalidDataException($"{path}: a persistent id that is not ('storage', type, key, location, numel)");
        var dtype = TorchStorage.DTypeOf(type.Name) ?? throw new InvalidDataException($"{path}: storage type {type} is not read");
        return new TorchStorage(key, dtype, count);
    }

    private static object Call(string name, object?[] args, ZipArchive zip, string prefix, string path, long fileLength, Dictionary<string, Tensor> storages)
    {
        switch (name)
        {
            case "collections.OrderedDict" when args.Length == 0 || args is [IEnumerable<object?> pairs] && pairs.All(p => p is IList<object?> { Count: 2 }):
            {
                // OrderedDict() as torch.save writes it, or OrderedDict([[k, v], ...]) as other writers (TorchSharp.PyBridge) do.
                var map = new RestrictedUnpickler.OrderedMap();
                foreach (var pair in args.Length == 0 ? [] : ((IEnumerable<object?>)args[0]!).Cast<IList<object?>>())
                    map.Set(pair[0] is string or long ? pair[0]! : throw new InvalidDataException($"{path}: an OrderedDict key that is not a string"), pair[1]);
                return map;
            }
            case "torch._utils._rebuild_tensor_v2" or "torch._utils._rebuild_tensor" when args.Length >= 4 && args[0] is TorchStorage storage:
                if (args.Length > 5 && args[5] is not RestrictedUnpickler.OrderedMap { Entries.Count: 0 })
                    throw new InvalidDataException($"{path}: a tensor with backward hooks; refused");
                var data = storages.TryGetValue(storage.Key, out var s) ? s : storages[storage.Key] = Load(zip, prefix, storage, path, fileLength);
                return View(data, storage, args[1], args[2], args[3], path);
            case "torch._utils._rebuild_parameter" when args.Length >= 1 && args[0] is Tensor tensor:
                return tensor;
            default:
                throw new InvalidDataException($"{path}: {name} called with arguments a state dict does not use; refused");
        }
    }

    private static Tensor Load(ZipArchive zip, string prefix, TorchStorage storage, string path, long fileLength)
    {
        var entryName = $"{prefix}/data/{storage.Key}";
        var entry = zip.GetEntry(entryName) ?? throw new InvalidDataException($"{path}: storage '{storage.Key}' has no entry {entryName}");
        var expected = checked(storage.Count * storage.ElementSize);
        if (entry.Length != expected)
            throw new InvalidDataException($"{path}: {entryName} holds {entry.Length} bytes, its storage needs {expected} ({storage.Count} × {storage.DType}): a damaged file");
        if (expected > int.MaxValue) throw new InvalidDataException($"{path}: storage '{storage.Key}' is over 2 GB; not read");
        var bytes = ReadBytes(entry, path, fileLength);
        var t = empty(storage.Count, storage.DType);
        if (bytes.Length > 0) t.bytes = bytes;
        return t;
    }

    private static Tensor View(Tensor data, TorchStorage storage, object? offsetArg, object? sizeArg, object? strideArg, string path)
    {
        if (offsetArg is not long offset || Longs(sizeArg) is not { } size || Longs(strideArg) is not { } stride || size.Length != stride.Length
            || offset < 0 || size.Any(d => d < 0) || stride.Any(d => d < 0))
            throw new InvalidDataException($"{path}: a tensor of storage '{storage.Key}' has an invalid offset, size or stride");
        var empty = size.Any(d => d == 0);
        var last = offset + size.Zip(stride).Sum(p => (p.First - 1) * p.Second);
        if (!empty && last >= storage.Count)
            throw new InvalidDataException($"{path}: a tensor reads element {last} of storage '{storage.Key}', which has {storage.Count}");
        var result = zeros(size, storage.DType);
        if (!empty) result.copy_(data.as_strided(size, stride, offset));
        return result;
    }

    private static long[]? Longs(object? o) => o is object?[] items && items.All(i => i is long) ? items.Cast<long>().ToArray() : null;

    private static Dictionary<string, Tensor> StateDict(object? root, string path)
    {
        if (root is not RestrictedUnpickler.OrderedMap map)
            throw new InvalidDataException($"{path}: the pickle holds {Describe(root)}, not a state dict (a dict of tensors)");
        var result = new Dictionary<string, Tensor>();
        foreach (var (key, value) in map.Entries)
        {
            if (key is string name && value is Tensor t) { result[name] = t; continue; }
            var nested = map.Entries.Where(e => e.Value is RestrictedUnpickler.OrderedMap m && m.Entries.Count > 0 && m.Entries.All(x => x.Value is Tensor))
                .Select(e => $"'{e.Key}'").ToList();
            throw new InvalidDataException($"{path}: entry '{key}' holds {Describe(value)}, not a tensor: the file is not a state dict" +
                (nested.Count > 0 ? $"; its state dict is probably under {string.Join(" or ", nested)}: save that one (torch.save(checkpoint[{nested[0]}], …))" : ""));
        }
        return result;
    }

    private static string Describe(object? o) => o switch
    {
        null => "None",
        Tensor => "a tensor",
        RestrictedUnpickler.OrderedMap => "a dict",
        List<object?> => "a list",
        object?[] => "a tuple",
        string => "a string",
        _ => $"a {o.GetType().Name.ToLowerInvariant()}",
    };

    private static string ReadText(ZipArchiveEntry entry, string path, long fileLength) => System.Text.Encoding.ASCII.GetString(ReadBytes(entry, path, fileLength));

    /// <summary>
    /// The bytes of <paramref name="entry"/> of the file <paramref name="path"/> (<paramref name="fileLength"/> bytes long),
    /// refusing an entry that claims more bytes than the file holds or ends early.
    /// </summary>
    internal static byte[] ReadBytes(ZipArchiveEntry entry, string path, long fileLength)
    {
        // torch.save stores entries uncompressed: a declared size beyond the file's means a damaged or crafted zip.
        if (entry.Length > fileLength) throw new InvalidDataException($"{path}: entry {entry.FullName} claims {entry.Length} bytes, more than the file holds");
        var bytes = new byte[entry.Length];
        using var stream = entry.Open();
        var read = 0;
        while (read < bytes.Length)
        {
            var n = stream.Read(bytes, read, bytes.Length - read);
            if (n == 0) throw new InvalidDataException($"{path}: entry {entry.FullName} ends after {read} of its {bytes.Length} bytes (a truncated file)");
            read += n;
        }
        return bytes;
    }
}
