using Reproduce.Core.Numerics;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Core.Numerics;

/// <summary>
/// The OpenBLAS route of the linear layers (<see cref="OpenBlasLinear"/>) computes what libtorch's linear computes, up to
/// float32 rounding (relative 1e-5 of the largest entry; the sums run in another order), gradients included, and repeats
/// its own bits. Where no OpenBLAS is installed these tests check nothing and say so in their output.
/// </summary>
public sealed class OpenBlasLinearTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(7, 13, 5, true)]
    [InlineData(128, 784, 500, true)]
    [InlineData(33, 64, 10, false)]
    public void ForwardAndGradientsMatchLibTorch(int n, int input, int output, bool bias)
    {
        if (!OpenBlas.IsAvailable) return;
        using var scope = NewDisposeScope();
        var (x, w, b, dy) = Operands(n, input, output, bias, 3);
        var reference = Run(() => nn.functional.linear(x, w, b), x, w, b, dy);
        var routed = Run(() => OpenBlasLinear.apply(x, w, (object?)b ?? OpenBlasLinear.NoBias), x, w, b, dy);
        for (var i = 0; i < reference.Count; i++)
            Assert.True(Close(routed[i], reference[i]), $"result {i} (y, ∂x, ∂w, ∂b) differs by more than {Tolerance} relative");
    }

    [Fact]
    public void RepeatsItsBits()
    {
        if (!OpenBlas.IsAvailable) return;
        using var scope = NewDisposeScope();
        var (x, w, b, dy) = Operands(128, 500, 500, true, 5);
        var first = Run(() => OpenBlasLinear.apply(x, w, b!), x, w, b, dy);
        var second = Run(() => OpenBlasLinear.apply(x, w, b!), x, w, b, dy);
        for (var i = 0; i < first.Count; i++) Assert.True(first[i].eq(second[i]).all().item<bool>(), $"result {i} (y, ∂x, ∂w, ∂b) changed bits between two runs");
    }

    [Fact]
    public void WithoutAutogradTheForwardIsTheSameBits()
    {
        if (!OpenBlas.IsAvailable) return;
        using var scope = NewDisposeScope();
        var (x, w, b, _) = Operands(64, 100, 30, true, 9);
        var withGrad = OpenBlasLinear.apply(x, w, b!).detach();
        using (no_grad()) Assert.True(OpenBlasLinear.Forward(x, w, b).eq(withGrad).all().item<bool>());
    }

    private static (Tensor X, Tensor W, Tensor? B, Tensor Dy) Operands(int n, int input, int output, bool bias, long seed)
    {
        using var g = new Generator((ulong)seed);
        var x = randn([n, input], generator: g).requires_grad_();
        var w = randn([output, input], generator: g).requires_grad_();
        var b = bias ? randn([output], generator: g).requires_grad_() : null;
        var dy = randn([n, output], generator: g);
        return (x, w, b, dy);
    }

    /// <summary>y, then ∂x, ∂w and (with a bias) ∂b of ⟨y, dy⟩.</summary>
    private static List<Tensor> Run(Func<Tensor> linear, Tensor x, Tensor w, Tensor? b, Tensor dy)
    {
        foreach (var p in new[] { x, w, b }) p?.grad?.zero_();
        var y = linear();
        y.backward([dy]);
        var results = new List<Tensor> { y.detach().clone(), x.grad!.clone(), w.grad!.clone() };
        if (b is not null) results.Add(b.grad!.clone());
        foreach (var p in new[] { x, w, b }) p?.grad?.zero_();
        return results;
    }

    private static bool Close(Tensor a, Tensor b) =>
        a.sub(b).abs().max().item<float>() <= Tolerance * Math.Max(1.0, b.abs().max().item<float>());
}
