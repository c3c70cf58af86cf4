using Reproduce.Core.Numerics;
using static TorchSharp.torch;

namespace Reproduce.Core.Symmetry;

/// <summary>Copies of state dicts, so that no function here mutates or shares its inputs' tensors.</summary>
internal static class StateDicts
{
    /// <summary>A new dictionary of detached copies, in the same order; the copies belong to the current dispose scope.</summary>
    public static Dictionary<string, Tensor> Clone(IReadOnlyDictionary<string, Tensor> sd) =>
        sd.ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    /// <summary>Moves every tensor of <paramref name="sd"/> out of the current dispose scope and returns it.</summary>
    public static Dictionary<string, Tensor> MoveOut(Dictionary<string, Tensor> sd)
    {
        foreach (var t in sd.Values) t.MoveToOuterDisposeScope();
        return sd;
    }

    /// <summary>The tensor called <paramref name="name"/>, or an error naming it and the layout.</summary>
    public static Tensor Get(IReadOnlyDictionary<string, Tensor> sd, string name) =>
        sd.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"state dict has no tensor '{name}' required by the unit layout");

    /// <summary>Row-wise Euclidean norms of m: (n, f) → (n,).</summary>
    public static Tensor RowNorms(Tensor m) => m.pow(Scalars.Two).sum(1).sqrt();
}
