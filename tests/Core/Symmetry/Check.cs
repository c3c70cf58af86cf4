using Reproduce.Core.Numerics;
using Reproduce.Core.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Symmetry;

/// <summary>Assertions shared by the symmetry and geometry tests, each with its tolerance.</summary>
internal static class Check
{
    /// <summary>
    /// Two outputs of the same function up to one positive factor c (the last layer's global scale): c = ⟨o', o⟩/⟨o, o⟩
    /// &gt; 0 and max |o' − c·o| ≤ rtol·max |c·o| (rtol 1e-4 in float32); and the predicted classes are identical.
    /// </summary>
    public static void SamePredictions(Tensor expected, Tensor actual, double rtol = 1e-4)
    {
        using var scope = NewDisposeScope();
        var e = expected.to(ScalarType.Float64);
        var a = actual.to(ScalarType.Float64);
        var c = a.mul(e).sum().item<double>() / Math.Max(e.pow(Scalars.Two).sum().item<double>(), 1e-300);
        Assert.True(c > 0, $"outputs differ in sign (c = {c})");
        using var factor = c.ToScalar();
        var scaled = e.mul(factor);
        var error = a.sub(scaled).abs().max().item<double>();
        var bound = rtol * Math.Max(scaled.abs().max().item<double>(), 1e-12);
        Assert.True(error <= bound, $"max |o' − c·o| = {error:G3} > {bound:G3} (c = {c:G6})");
        Assert.Equal(Prediction.Classes(expected).data<long>().ToArray(), Prediction.Classes(actual).data<long>().ToArray());
    }

    /// <summary>|actual − expected| ≤ rtol·|expected| + atol.</summary>
    public static void Close(double expected, double actual, double rtol, double atol, string what) =>
        Assert.True(Math.Abs(actual - expected) <= rtol * Math.Abs(expected) + atol, $"{what}: expected {expected:G9}, got {actual:G9}");
}
