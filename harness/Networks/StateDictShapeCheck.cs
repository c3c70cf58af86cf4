using Reproduce.Core.Models;
using static TorchSharp.torch;

namespace Reproduce.Harness.Networks;

/// <summary>Checks that a loaded state dict is a network of a given architecture: same names, shapes, float dtypes.</summary>
public static class StateDictShapeCheck
{
    /// <summary>
    /// Null when <paramref name="sd"/> has exactly the tensors of <paramref name="arch"/>'s module; otherwise a message
    /// naming the first tensor (in the module's order, then the file's extra tensors) that does not fit, with the
    /// expected and the found name or shape.
    /// </summary>
    public static string? FirstMismatch(Architecture arch, IReadOnlyDictionary<string, Tensor> sd)
    {
        using var module = arch.Create();
        return FirstMismatch(module.state_dict(), arch.ToString(), sd);
    }

    /// <summary>
    /// The same check against the tensors a module expects (<paramref name="expected"/>, e.g. a TorchScript model's state
    /// dict, called <paramref name="what"/> in the message).
    /// </summary>
    public static string? FirstMismatch(IReadOnlyDictionary<string, Tensor> expected, string what, IReadOnlyDictionary<string, Tensor> sd)
    {
        foreach (var (name, t) in expected)
        {
            if (!sd.TryGetValue(name, out var found))
                return $"missing tensor '{name}' (expected shape {Shape(t.shape)}){Nearest(sd.Keys, expected.Keys)}";
            if (!found.shape.SequenceEqual(t.shape))
                return $"tensor '{name}' has shape {Shape(found.shape)}, expected {Shape(t.shape)}";
            if (t.is_floating_point() && !found.is_floating_point())
                return $"tensor '{name}' has dtype {found.dtype}, expected a floating-point dtype";
        }
        var extra = sd.Keys.FirstOrDefault(k => !expected.ContainsKey(k));
        return extra is null ? null : $"unexpected tensor '{extra}' (shape {Shape(sd[extra].shape)}); {what} has no such tensor";
    }

    /// <summary>Writes a shape as [d0, d1, ...].</summary>
    public static string Shape(long[] shape) => $"[{string.Join(", ", shape)}]";

    // A file with different names usually has all of them different: show the first one it has instead.
    private static string Nearest(IEnumerable<string> found, IEnumerable<string> expected)
    {
        var unknown = found.Where(k => !expected.Contains(k)).Take(1).ToList();
        return unknown.Count == 0 ? "" : $"; the file has '{unknown[0]}' instead";
    }
}
