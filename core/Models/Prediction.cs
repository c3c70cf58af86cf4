using Reproduce.Core.Numerics;
using static TorchSharp.torch;

namespace Reproduce.Core.Models;

/// <summary>The predicted class of a network's output, as the paper defines it (METHOD.md §1).</summary>
public static class Prediction
{
    /// <summary>
    /// output: (n, C) → classes (n,) int64. C &gt; 1: argmax over the C outputs; C = 1 (binary tasks): 1 where the
    /// output is ≥ 0 (sign +1) and 0 where it is negative.
    /// </summary>
    public static Tensor Classes(Tensor output)
    {
        using var scope = NewDisposeScope();
        if (output.dim() != 2) throw new ArgumentException($"expected output (n, C), got [{string.Join(", ", output.shape)}]", nameof(output));
        var classes = output.shape[1] == 1 ? output.squeeze(1).ge(Scalars.Zero).to(ScalarType.Int64) : output.argmax(1);
        return classes.MoveToOuterDisposeScope();
    }
}
