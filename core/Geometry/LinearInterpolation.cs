using Reproduce.Core.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Geometry;

/// <summary>The straight line between two state dicts: w(t) = (1 − t)·a + t·b, every floating-point tensor.</summary>
public static class LinearInterpolation
{
    /// <summary>
    /// (1 − t)·a + t·b for every floating-point tensor (weights, biases, BN parameters and buffers); integer tensors
    /// (BN's num_batches_tracked) are copied from a. a and b must have the same names and shapes; neither is modified.
    /// </summary>
    public static Dictionary<string, Tensor> Point(IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b, double t)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var result = new Dictionary<string, Tensor>();
        using var s = (1 - t).ToScalar();
        using var tt = t.ToScalar();
        foreach (var (name, ta) in a)
        {
            if (!b.TryGetValue(name, out var tb)) throw new ArgumentException($"the second state dict has no tensor '{name}'", nameof(b));
            if (!ta.shape.SequenceEqual(tb.shape)) throw new ArgumentException($"'{name}': shapes [{string.Join(", ", ta.shape)}] and [{string.Join(", ", tb.shape)}] differ", nameof(b));
            result[name] = (ta.is_floating_point() ? ta.detach().mul(s).add(tb.detach().mul(tt), Scalars.One) : ta.detach().clone()).MoveToOuterDisposeScope();
        }
        return result;
    }
}
