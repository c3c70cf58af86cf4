using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Numerics;

/// <summary>
/// A Linear layer's products through OpenBLAS (cblas_sgemm), as a TorchSharp autograd function: x: (n, in), w: (out, in),
/// b: (out) or null, all float32, CPU, contiguous. Forward y = x·wᵀ + b: (n, out), y filled with b first and the product
/// added (β = 1, as libtorch's addmm). Backward from g = ∂L/∂y: (n, out): ∂L/∂x = g·w (n, in), only when x requires a
/// gradient; ∂L/∂w = gᵀ·x (out, in); ∂L/∂b = Σ_rows g (out), libtorch's sum. Each product is one sgemm call on
/// OpenBLAS's threads (as many as libtorch's), so for one machine, OpenBLAS core and thread count the bits are the same
/// run after run. <see cref="MatrixProducts"/> decides whether this or libtorch's own linear runs.
/// </summary>
public sealed class OpenBlasLinear : autograd.SingleTensorFunction<OpenBlasLinear>
{
    private const string InputNeedsGradient = "x_requires_grad";
    private const string HasBias = "has_bias";

    /// <summary>What <c>apply</c> gets in place of a missing bias (TorchSharp registers only tensors as inputs).</summary>
    public static readonly object NoBias = new();

    /// <inheritdoc />
    public override string Name => nameof(OpenBlasLinear);

    /// <summary>y = x·wᵀ + b with autograd: call through <c>OpenBlasLinear.apply(x, w, b ?? NoBias)</c>, never directly.</summary>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (x, w, b) = ((Tensor)vars[0], (Tensor)vars[1], vars[2] as Tensor);
        ctx.save_for_backward([x, w]);
        ctx.save_data(InputNeedsGradient, x.requires_grad);
        ctx.save_data(HasBias, b is not null);
        return Forward(x, w, b);
    }

    /// <summary>The gradients of x, w and b from ∂L/∂y (see the type's summary).</summary>
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        var (x, w) = (saved[0], saved[1]);
        var g = grad_output.is_contiguous() ? grad_output : grad_output.contiguous();
        var gx = (bool)ctx.get_data(InputNeedsGradient)! ? InputGradient(g, w) : null;
        var gw = WeightGradient(g, x);
        // Only a tensor input may get a gradient: none in the bias's place when there was no bias.
        var gb = (bool)ctx.get_data(HasBias)! ? g.sum(dim: 0) : null;
        return [gx!, gw, gb!];
    }

    /// <summary>y = x·wᵀ + b: x (n, in), w (out, in), b (out) or null → (n, out). No autograd.</summary>
    public static Tensor Forward(Tensor x, Tensor w, Tensor? b)
    {
        int n = (int)x.shape[0], input = (int)x.shape[1], output = (int)w.shape[0];
        var y = b is null ? empty(n, output) : b.expand(n, output).contiguous();
        Product(false, true, n, output, input, x, input, w, input, b is null ? 0f : 1f, y, output);
        return y;
    }

    /// <summary>The three products of one step (x·wᵀ, g·w, gᵀ·x), for <see cref="MatrixProducts"/>'s start-up measurement.</summary>
    internal static void Products(Tensor x, Tensor w, Tensor g)
    {
        Forward(x, w, null);
        InputGradient(g, w);
        WeightGradient(g, x);
    }

    /// <summary>∂L/∂x = g·w: g (n, out), w (out, in) → (n, in).</summary>
    private static Tensor InputGradient(Tensor g, Tensor w)
    {
        int n = (int)g.shape[0], output = (int)w.shape[0], input = (int)w.shape[1];
        var gx = empty(n, input);
        Product(false, false, n, input, output, g, output, w, input, 0f, gx, input);
        return gx;
    }

    /// <summary>∂L/∂w = gᵀ·x: g (n, out), x (n, in) → (out, in).</summary>
    private static Tensor WeightGradient(Tensor g, Tensor x)
    {
        int n = (int)g.shape[0], output = (int)g.shape[1], input = (int)x.shape[1];
        var gw = empty(output, input);
        Product(true, false, output, input, n, g, output, x, input, 0f, gw, input);
        return gw;
    }

    private static void Product(bool ta, bool tb, int m, int n, int k, Tensor a, int lda, Tensor b, int ldb, float beta, Tensor c, int ldc)
    {
        OpenBlas.SetThreads(get_num_threads());
        OpenBlas.Sgemm(ta, tb, m, n, k, 1f, ref First(a), lda, ref First(b), ldb, beta, ref First(c), ldc);
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(c);
    }

    private static ref byte First(Tensor t) => ref MemoryMarshal.GetReference(t.bytes);
}
