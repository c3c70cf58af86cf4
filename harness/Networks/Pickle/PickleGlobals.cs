using System.Buffers.Binary;
using System.Text;

namespace Reproduce.Harness.Networks.Pickle;

/// <summary>
/// The globals a pickle names (the callables and classes unpickling it would look up), found by walking its opcodes
/// without building or calling anything. Unlike <see cref="RestrictedUnpickler"/>, which reads a state dict, this walker
/// knows every opcode of protocols 0-5, so it can vet pickles written by other writers (libtorch's TorchScript archives use
/// NEWOBJ and BUILD on <c>__torch__</c> classes) before a loader that would resolve their globals sees them. It keeps a
/// stack of the values only as far as a global's name needs: strings (for STACK_GLOBAL), everything else as a placeholder,
/// and the memo. A global is named by GLOBAL and INST (two text lines) or STACK_GLOBAL (the two strings on top of the
/// stack, pushed directly or fetched from the memo); a STACK_GLOBAL whose operands are not two strings, the extension
/// registry opcodes (EXT1/2/4, which name a global by a number), an unknown opcode and a pickle that ends before its STOP
/// are refused, naming the byte offset.
/// </summary>
public sealed class PickleGlobals : PickleReader
{
    private static readonly object Value = new();

    private readonly List<object> stack = [];
    private readonly Stack<int> marks = new();
    private readonly Dictionary<long, object> memo = [];
    private readonly List<(string Module, string Name, int At)> found = [];

    private PickleGlobals(byte[] data, string file) : base(data, file)
    {
    }

    /// <summary>
    /// Every global <paramref name="data"/> names, in order: module, name and the byte offset of the opcode that names it.
    /// Throws <see cref="InvalidDataException"/> starting with <paramref name="file"/> when the pickle cannot be walked to its STOP.
    /// </summary>
    public static IReadOnlyList<(string Module, string Name, int At)> Scan(byte[] data, string file)
    {
        var walker = new PickleGlobals(data, file);
        walker.Walk();
        return walker.found;
    }

    private void Walk()
    {
        while (true)
        {
            if (pos >= data.Length) throw Bad("the pickle ends before its STOP opcode (a truncated file)");
            var at = pos;
            var op = data[pos++];
            switch (op)
            {
                case 0x80: Bytes(1); break;                                            // PROTO
                case 0x95: Bytes(8); break;                                            // FRAME
                case (byte)'.': if (stack.Count != 1 || marks.Count != 0) throw Bad($"STOP at byte {at} with {stack.Count} objects on the stack"); return;
                case (byte)'(': marks.Push(stack.Count); break;                        // MARK
                case (byte)'1': PopMark(at); break;                                    // POP_MARK
                case (byte)'0': if (marks.Count > 0 && marks.Peek() == stack.Count) marks.Pop(); else Pop(at); break;  // POP (of a MARK too, as Python does)
                case (byte)'2': Push(Top(at)); break;                                  // DUP
                case (byte)'I' or (byte)'L' or (byte)'F' or (byte)'S': Line(at); Push(Value); break;  // INT, LONG, FLOAT, STRING (text)
                case (byte)'V': Push(Line(at)); break;                                 // UNICODE (text)
                case (byte)'J': Bytes(4); Push(Value); break;                          // BININT
                case (byte)'K': Bytes(1); Push(Value); break;                          // BININT1
                case (byte)'M': Bytes(2); Push(Value); break;                          // BININT2
                case 0x8a: Bytes(Bytes(1)[0]); Push(Value); break;                     // LONG1
                case 0x8b: Bytes(Length4(at)); Push(Value); break;                     // LONG4
                case (byte)'G': Bytes(8); Push(Value); break;                          // BINFLOAT
                case (byte)'N' or 0x88 or 0x89: Push(Value); break;                    // NONE, NEWTRUE, NEWFALSE
                case (byte)'X': Push(Text(Length4(at))); break;                        // BINUNICODE
                case 0x8c: Push(Text(Bytes(1)[0])); break;                             // SHORT_BINUNICODE
                case 0x8d: Push(Text(Length8(at))); break;                             // BINUNICODE8
                case (byte)'T': Bytes(Length4(at)); Push(Value); break;                // BINSTRING (bytes in Python 3)
                case (byte)'U': Bytes(Bytes(1)[0]); Push(Value); break;                // SHORT_BINSTRING
                case (byte)'B': Bytes(Length4(at)); Push(Value); break;                // BINBYTES
                case (byte)'C': Bytes(Bytes(1)[0]); Push(Value); break;                // SHORT_BINBYTES
                case 0x8e or 0x96: Bytes(Length8(at)); Push(Value); break;             // BINBYTES8, BYTEARRAY8
                case 0x97: Push(Value); break;                                         // NEXT_BUFFER
                case 0x98: Top(at); break;                                             // READONLY_BUFFER
                case (byte)']' or (byte)')' or (byte)'}' or 0x8f: Push(Value); break;  // EMPTY_LIST, EMPTY_TUPLE, EMPTY_DICT, EMPTY_SET
                case (byte)'a': Pop(at); Top(at); break;                               // APPEND
                case (byte)'e' or (byte)'u' or 0x90: PopMark(at); Top(at); break;      // APPENDS, SETITEMS, ADDITEMS
                case (byte)'s': Pop(at); Pop(at); Top(at); break;                      // SETITEM
                case (byte)'l' or (byte)'t' or (byte)'d' or 0x91: PopMark(at); Push(Value); break;  // LIST, TUPLE, DICT, FROZENSET
                case 0x85: Pop(at); Push(Value); break;                                // TUPLE1
                case 0x86: Pop(at); Pop(at); Push(Value); break;                       // TUPLE2
                case 0x87: Pop(at); Pop(at); Pop(at); Push(Value); break;              // TUPLE3
                case (byte)'g': Push(Memo(Number(Line(at), at), at)); break;           // GET
                case (byte)'h': Push(Memo(Bytes(1)[0], at)); break;                    // BINGET
                case (byte)'j': Push(Memo(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4)), at)); break;  // LONG_BINGET
                case (byte)'p': memo[Number(Line(at), at)] = Top(at); break;           // PUT
                case (byte)'q': memo[Bytes(1)[0]] = Top(at); break;                    // BINPUT
                case (byte)'r': memo[BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4))] = Top(at); break;  // LONG_BINPUT
                case 0x94: memo[memo.Count] = Top(at); break;                          // MEMOIZE
                case (byte)'c': Name(Line(at), Line(at), at); Push(Value); break;      // GLOBAL
                case 0x93:                                                             // STACK_GLOBAL
                {
                    var name = Pop(at);
                    var module = Pop(at);
                    if (module is not string m || name is not string n) throw Bad($"a STACK_GLOBAL at byte {at} is not named by two strings; refused");
                    Name(m, n, at);
                    Push(Value);
                    break;
                }
                case (byte)'i': Name(Line(at), Line(at), at); PopMark(at); Push(Value); break;  // INST
                case (byte)'o': PopMark(at); Push(Value); break;                       // OBJ (its class was named by a global)
                case (byte)'R' or 0x81: Pop(at); Pop(at); Push(Value); break;         // REDUCE, NEWOBJ
                case 0x92: Pop(at); Pop(at); Pop(at); Push(Value); break;              // NEWOBJ_EX
                case (byte)'b': Pop(at); Top(at); break;                               // BUILD
                case (byte)'P': Line(at); Push(Value); break;                          // PERSID
                case (byte)'Q': Pop(at); Push(Value); break;                           // BINPERSID
                case 0x82 or 0x83 or 0x84:
                    throw Bad($"an extension-registry opcode (EXT) at byte {at} names a global by number; refused");
                default:
                    throw Bad($"an unknown opcode 0x{op:x2} at byte {at}; refused");
            }
        }
    }

    private void Name(string module, string name, int at) => found.Add((module, name, at));

    private object Memo(long key, int at) => memo.TryGetValue(key, out var v) ? v : throw Bad($"memo entry {key} read at byte {at} was never written");

    private long Number(string line, int at) =>
        long.TryParse(line, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : throw Bad($"a memo key at byte {at} is not a number");

    private int Length8(int at)
    {
        var n = BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8));
        return n <= int.MaxValue ? (int)n : throw Bad($"a length of {n} bytes at byte {at}, more than the pickle holds");
    }

    private string Line(int at)
    {
        var end = Array.IndexOf(data, (byte)'\n', pos);
        if (end < 0) throw Bad($"a text opcode at byte {at} has no end of line (a truncated file)");
        var s = Encoding.UTF8.GetString(data, pos, end - pos);
        pos = end + 1;
        return s;
    }

    private void Push(object o) => stack.Add(o);

    private object Top(int at) => stack.Count > 0 && (marks.Count == 0 || marks.Peek() < stack.Count) ? stack[^1] : throw Bad($"an opcode at byte {at} reads an empty stack");

    private object Pop(int at)
    {
        var top = Top(at);
        stack.RemoveAt(stack.Count - 1);
        return top;
    }

    private void PopMark(int at)
    {
        if (marks.Count == 0) throw Bad($"an opcode at byte {at} needs a MARK");
        var from = marks.Pop();
        stack.RemoveRange(from, stack.Count - from);
    }
}
