using System.IO.Compression;

namespace Reproduce.Harness.Networks.Pickle;

/// <summary>
/// Vets the pickles of a TorchScript archive (<c>torch.jit.save</c>) before libtorch's <c>torch::jit::load</c> reads
/// them. libtorch's unpickler runs no Python, but it resolves every global a pickle names, and one it does not know
/// (<c>posix.system</c>) raises a C++ <c>torch::jit::ErrorReport</c> that TorchSharp does not translate: the process
/// aborts instead of refusing the file. So every pickle of the archive (<c>data.pkl</c>, <c>constants.pkl</c>, the
/// <c>code/**.debug_pkl</c> source maps and any other <c>*.pkl</c>) is walked by <see cref="PickleGlobals"/> first,
/// nothing built or called, and the file is refused unless each pickle reaches its STOP and names only
/// <see cref="IsAllowed">globals a TorchScript archive uses</see>.
/// </summary>
public static class TorchScriptPickles
{
    /// <summary>
    /// The globals outside <c>__torch__</c> that libtorch writes into a TorchScript archive and reads back itself (module,
    /// name): the state-dict ones of <see cref="RestrictedUnpickler.Allowed"/> (an attribute that is an OrderedDict, tensors
    /// rebuilt from storages); <c>torch.jit._pickle</c>'s builders of typed lists, the tensor-table reference and the type
    /// tag of a generic list or dict (the <c>.debug_pkl</c> files use <c>build_intlist</c>); a complex constant
    /// (<c>builtins.complex</c>) and a device attribute (<c>torch.device</c>). Every fixture of tests/Fixtures/UserNetworks
    /// (scripted and traced) names only <c>__torch__</c> classes, <c>collections.OrderedDict</c>,
    /// <c>torch._utils._rebuild_tensor_v2</c>, <c>torch.FloatStorage</c>, <c>torch.LongStorage</c> and
    /// <c>torch.jit._pickle.build_intlist</c>. Quantized, sparse and subclass tensors (libtorch's other rebuild functions)
    /// are not read elsewhere in this project and are refused.
    /// </summary>
    public static readonly IReadOnlyList<(string Module, string Name)> Allowed =
    [
        .. RestrictedUnpickler.Allowed,
        ("torch.jit._pickle", "build_intlist"), ("torch.jit._pickle", "build_tensorlist"), ("torch.jit._pickle", "build_doublelist"),
        ("torch.jit._pickle", "build_boollist"), ("torch.jit._pickle", "build_tensor_from_id"), ("torch.jit._pickle", "restore_type_tag"),
        ("builtins", "complex"), ("torch", "device"),
    ];

    /// <summary>
    /// Whether a TorchScript pickle may name <paramref name="module"/>.<paramref name="name"/>: one of <see cref="Allowed"/>,
    /// or a class of the archive's own code (module <c>__torch__</c> or <c>__torch__.…</c>), which libtorch compiles from
    /// <c>code/</c> and never looks up in Python.
    /// </summary>
    public static bool IsAllowed(string module, string name) =>
        Allowed.Contains((module, name)) || module == "__torch__" || module.StartsWith("__torch__.", StringComparison.Ordinal);

    /// <summary>
    /// Throws <see cref="InvalidDataException"/> naming the file <paramref name="path"/> (<paramref name="fileLength"/> bytes
    /// long), the entry and the global when a pickle of <paramref name="zip"/> names a global outside <see cref="IsAllowed"/>,
    /// or a <c>__torch__</c> class that the archive's <c>code/</c> does not define, and naming the entry and byte when one
    /// cannot be walked to its STOP (truncated or damaged).
    /// </summary>
    public static void Check(ZipArchive zip, string path, long fileLength)
    {
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith("pkl", StringComparison.Ordinal)))
        {
            var where = $"{path} ({entry.FullName})";
            var top = entry.FullName.Split('/')[0];
            foreach (var (module, name, at) in PickleGlobals.Scan(TorchArchive.ReadBytes(entry, path, fileLength), where))
            {
                if (!IsAllowed(module, name))
                    throw new InvalidDataException($"{where}: refused the global '{module}.{name}' at byte {at}: a TorchScript archive names only " +
                                                   $"its own __torch__ classes and libtorch's tensor and list builders, and loading this one would " +
                                                   $"look up '{module}.{name}'. Nothing was run.");
                // libtorch also aborts on a __torch__ class its code/ does not define ("Unknown type name").
                if (module.StartsWith("__torch__", StringComparison.Ordinal) && !Defines(zip, $"{top}/code/{module.Replace('.', '/')}.py", name, path, fileLength))
                    throw new InvalidDataException($"{where}: the global '{module}.{name}' at byte {at} names a class that the archive's code " +
                                                   $"({top}/code/{module.Replace('.', '/')}.py) does not define; refused. Nothing was run.");
            }
        }
    }

    /// <summary>Whether the entry <paramref name="source"/> exists and has a line starting <c>class name(</c> or <c>class name:</c>.</summary>
    private static bool Defines(ZipArchive zip, string source, string name, string path, long fileLength)
    {
        if (zip.GetEntry(source) is not { } entry) return false;
        var text = System.Text.Encoding.UTF8.GetString(TorchArchive.ReadBytes(entry, path, fileLength));
        return text.Split('\n').Any(line => line.StartsWith($"class {name}(", StringComparison.Ordinal) || line.StartsWith($"class {name}:", StringComparison.Ordinal));
    }
}
