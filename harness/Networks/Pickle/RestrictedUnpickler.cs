using System.Buffers.Binary;
using System.Text;

namespace Reproduce.Harness.Networks.Pickle;

/// <summary>
/// A pickle reader for the data pickles of <c>torch.save(state_dict)</c> that never runs or constructs anything it does
/// not know. Python's pickle calls any importable callable a pickle names (GLOBAL/STACK_GLOBAL followed by REDUCE, e.g.
/// <c>os.system</c>): this reader refuses every global outside <see cref="Allowed"/> at the moment it is named, before any
/// argument is built, and implements the few allowed ones itself (an ordered dict, a tensor view of a storage).
/// Opcodes: the binary ones of protocols 2-5 that hold data (PROTO, FRAME, MARK, STOP, the tuple, list and dict builders,
/// SETITEM(S), APPEND(S), memo PUT/GET/MEMOIZE, ints, floats, booleans, None, strings, bytes), GLOBAL, STACK_GLOBAL,
/// REDUCE, BUILD (only on an ordered dict, whose <c>_metadata</c> is ignored) and BINPERSID (a storage). Every other
/// opcode (OBJ, INST, NEWOBJ, EXT*, the text opcodes of protocol 0, PERSID) is refused, naming it and its byte offset.
/// </summary>
public sealed class RestrictedUnpickler : PickleReader
{
    /// <summary>The globals a state-dict pickle may name: module, name.</summary>
    public static readonly IReadOnlyList<(string Module, string Name)> Allowed =
    [
        ("collections", "OrderedDict"), ("torch._utils", "_rebuild_tensor_v2"), ("torch._utils", "_rebuild_tensor"),
        ("torch._utils", "_rebuild_parameter"),
        .. TorchStorage.Names.Select(n => ("torch", n)),
    ];

    private readonly Func<object?[], object> persistentLoad;
    private readonly Func<string, object?[], object> call;
    private readonly List<object?> stack = [];
    private readonly Stack<int> marks = new();
    private readonly Dictionary<long, object?> memo = [];

    /// <summary>
    /// Prepares to read <paramref name="data"/> (the bytes of <c>data.pkl</c>; <paramref name="file"/> names it in
    /// messages). <paramref name="persistentLoad"/> turns a BINPERSID tuple into an object (a storage);
    /// <paramref name="call"/> applies an allowed global (written <c>module.name</c>) to its REDUCE arguments.
    /// </summary>
    public RestrictedUnpickler(byte[] data, string file, Func<object?[], object> persistentLoad, Func<string, object?[], object> call)
        : base(data, file)
    {
        this.persistentLoad = persistentLoad;
        this.call = call;
    }

    /// <summary>A global named by the pickle: <c>module.name</c>, one of <see cref="Allowed"/>.</summary>
    public sealed record Global(string Module, string Name)
    {
        /// <summary>module.name</summary>
        public override string ToString() => $"{Module}.{Name}";
    }

    /// <summary>A pickled dict or OrderedDict, in insertion order (a state dict's order is its module's).</summary>
    public sealed class OrderedMap
    {
        /// <summary>The entries in insertion order; a key set twice keeps its first place and its last value.</summary>
        public List<KeyValuePair<object, object?>> Entries { get; } = [];

        /// <summary>Sets key to value.</summary>
        public void Set(object key, object? value)
        {
            var i = Entries.FindIndex(e => Equals(e.Key, key));
            if (i >= 0) Entries[i] = new(key, value);
            else Entries.Add(new(key, value));
        }
    }

    /// <summary>Runs the pickle to its STOP and returns the object it built. Throws <see cref="InvalidDataException"/> naming the file.</summary>
    public object? Load()
    {
        while (true)
        {
            if (pos >= data.Length) throw Bad("the pickle ends before its STOP opcode (a truncated file)");
            var at = pos;
            var op = data[pos++];
            switch (op)
            {
                case 0x80: Bytes(1); break;                                      // PROTO
                case 0x95: Bytes(8); break;                                      // FRAME
                case (byte)'.': return stack.Count == 1 ? stack[0] : throw Bad($"STOP with {stack.Count} objects on the stack");
                case (byte)'(': marks.Push(stack.Count); break;                  // MARK
                case (byte)'}': Push(new OrderedMap()); break;                   // EMPTY_DICT
                case (byte)']': Push(new List<object?>()); break;                // EMPTY_LIST
                case (byte)')': Push(Array.Empty<object?>()); break;             // EMPTY_TUPLE
                case (byte)'t': Push(PopMark().ToArray()); break;                // TUPLE
                case 0x85: Push(new[] { Pop() }); break;                         // TUPLE1
                case 0x86: { var b = Pop(); var a = Pop(); Push(new[] { a, b }); break; }
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new[] { a, b, c }); break; }
                case (byte)'l': Push(PopMark()); break;                          // LIST
                case (byte)'d': Push(ToMap(PopMark(), at)); break;               // DICT
                case (byte)'s': { var v = Pop(); var k = Pop(); MapAt(at).Set(Key(k, at), v); break; }
                case (byte)'u': { var items = PopMark(); var map = MapAt(at); Fill(map, items, at); break; }
                case (byte)'a': { var v = Pop(); ListAt(at).Add(v); break; }
                case (byte)'e': { var items = PopMark(); ListAt(at).AddRange(items); break; }
                case (byte)'q': memo[Bytes(1)[0]] = Top(); break;                // BINPUT
                case (byte)'r': memo[BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4))] = Top(); break;
                case 0x94: memo[memo.Count] = Top(); break;                      // MEMOIZE
                case (byte)'h': Push(Memo(Bytes(1)[0], at)); break;              // BINGET
                case (byte)'j': Push(Memo(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4)), at)); break;
                case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Bytes(4))); break;
                case (byte)'K': Push((long)Bytes(1)[0]); break;                  // BININT1
                case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2))); break;
                case 0x8a: Push(Long1(at)); break;                               // LONG1
                case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Bytes(8))); break;
                case (byte)'N': Push(null); break;                               // NONE
                case 0x88: Push(true); break;                                    // NEWTRUE
                case 0x89: Push(false); break;                                   // NEWFALSE
                case (byte)'X': Push(Text(Length4(at))); break;                  // BINUNICODE
                case 0x8c: Push(Text(Bytes(1)[0])); break;                       // SHORT_BINUNICODE
                case (byte)'U': Push(Text(Bytes(1)[0])); break;                  // SHORT_BINSTRING
                case (byte)'T': Push(Text(Length4(at))); break;                  // BINSTRING
                case (byte)'C': Push(Bytes(Bytes(1)[0]).ToArray()); break;       // SHORT_BINBYTES
                case (byte)'B': Push(Bytes(Length4(at)).ToArray()); break;       // BINBYTES
                case (byte)'c': Push(Resolve(Line(), Line(), at)); break;        // GLOBAL
                case 0x93: { var name = Pop(); var module = Pop(); Push(Resolve(module as string, name as string, at)); break; }
                case (byte)'R': Reduce(at); break;
                case (byte)'b': Build(at); break;
                case (byte)'Q': Push(persistentLoad(Pop() as object?[] ?? throw Bad($"BINPERSID at byte {at} expects a tuple"))); break;
                default: throw Bad($"opcode 0x{op:x2} ('{(op is >= 32 and < 127 ? (char)op : '?')}') at byte {at} is not one a state-dict pickle uses; refused");
            }
        }
    }

    private object Resolve(string? module, string? name, int at)
    {
        if (module is null || name is null) throw Bad($"a global at byte {at} is not named by two strings");
        if (Allowed.Contains((module, name))) return new Global(module, name);
        var hint = module == "__main__" || module.StartsWith("torch.nn", StringComparison.Ordinal)
            ? " It looks like a whole pickled module (torch.save(model)); save model.state_dict() instead."
            : "";
        throw Bad($"refused the global '{module}.{name}' at byte {at}: a state dict holds only tensors, and unpickling this would " +
                  $"call or construct '{module}.{name}'. Nothing was run.{hint}");
    }

    private void Reduce(int at)
    {
        var args = Pop() as object?[] ?? throw Bad($"REDUCE at byte {at} expects an argument tuple");
        var callable = Pop() as Global ?? throw Bad($"REDUCE at byte {at} calls something that is not an allowed global");
        Push(call(callable.ToString(), args));
    }

    private void Build(int at)
    {
        var state = Pop();
        // OrderedDict.__reduce__ sets the state dict's _metadata (module versions) as instance state: not tensors, ignored.
        if (Top() is not OrderedMap || state is not OrderedMap s || s.Entries.Any(e => e.Key is not string))
            throw Bad($"BUILD at byte {at} sets state on something other than a state dict; refused");
    }

    private void Fill(OrderedMap map, List<object?> items, int at)
    {
        if (items.Count % 2 != 0) throw Bad($"SETITEMS at byte {at} has an odd number of items");
        for (var i = 0; i < items.Count; i += 2) map.Set(Key(items[i], at), items[i + 1]);
    }

    private OrderedMap ToMap(List<object?> items, int at)
    {
        var map = new OrderedMap();
        Fill(map, items, at);
        return map;
    }

    private object Key(object? key, int at) => key is string or long or bool or double ? key : throw Bad($"a dict key at byte {at} is not a string or a number");

    private OrderedMap MapAt(int at) => Top() as OrderedMap ?? throw Bad($"SETITEM(S) at byte {at} on something that is not a dict");

    private List<object?> ListAt(int at) => Top() as List<object?> ?? throw Bad($"APPEND(S) at byte {at} on something that is not a list");

    private object? Memo(long key, int at) => memo.TryGetValue(key, out var v) ? v : throw Bad($"memo entry {key} read at byte {at} was never written");

    private object Long1(int at)
    {
        var n = Bytes(1)[0];
        if (n > 8) throw Bad($"an integer of {n} bytes at byte {at} is larger than a state dict holds");
        var bytes = Bytes(n);
        long v = 0;
        for (var i = n - 1; i >= 0; i--) v = (v << 8) | bytes[i];
        if (n is > 0 and < 8 && (bytes[n - 1] & 0x80) != 0) v -= 1L << (8 * n);
        return v;
    }

    private string Line()
    {
        var end = Array.IndexOf(data, (byte)'\n', pos);
        if (end < 0) throw Bad($"a GLOBAL at byte {pos} has no end of line");
        var s = Encoding.ASCII.GetString(data, pos, end - pos);
        pos = end + 1;
        return s;
    }

    private void Push(object? o) => stack.Add(o);

    private object? Top() => stack.Count > 0 ? stack[^1] : throw Bad($"stack underflow at byte {pos}");

    private object? Pop()
    {
        var top = Top();
        stack.RemoveAt(stack.Count - 1);
        if (marks.Count > 0 && marks.Peek() > stack.Count) throw Bad($"an opcode at byte {pos} reads below its MARK");
        return top;
    }

    private List<object?> PopMark()
    {
        if (marks.Count == 0) throw Bad($"an opcode at byte {pos} needs a MARK");
        var from = marks.Pop();
        var items = stack.GetRange(from, stack.Count - from);
        stack.RemoveRange(from, stack.Count - from);
        return items;
    }
}
