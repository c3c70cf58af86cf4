using System.Diagnostics;
using System.Runtime.InteropServices;
using Reproduce.Core.Numerics;
using static TorchSharp.torch;

namespace Reproduce.Bench;

/// <summary>
/// GFLOP/s of float32 products C (m, n) = A (m, k)·B (k, n), 2·m·k·n FLOPs each, through libtorch (<c>mm</c>) or through
/// OpenBLAS directly (cblas_sgemm into a preallocated C). With <c>transB</c>, B is held as (n, k) and read transposed,
/// the layout of a Linear layer's forward x·Wᵀ. Each figure is the best of <c>tries</c> timings of <c>reps</c> products,
/// after one warm-up product.
/// </summary>
public static class Gemm
{
    /// <summary>libtorch's rate: <c>a.mm(b)</c>, a fresh output each product (as a layer's forward makes one).</summary>
    public static double LibTorchGflops(int m, int k, int n, int reps, bool transA, bool transB, int tries)
    {
        using var scope = NewDisposeScope();
        var (a, b) = Operands(m, k, n, transA, transB);
        a.mm(b).Dispose();
        return Best(m, k, n, reps, tries, () => a.mm(b).Dispose());
    }

    /// <summary>OpenBLAS's rate with <paramref name="threads"/> threads, A and B row-major, C preallocated; 0 when it is not installed.</summary>
    public static double OpenBlasGflops(int m, int k, int n, int reps, bool transB, int threads, int tries)
    {
        if (!OpenBlas.IsAvailable) return 0;
        OpenBlas.SetThreads(threads);
        using var scope = NewDisposeScope();
        var (a, bt) = Operands(m, k, n, false, false);
        var b = transB ? bt.t().contiguous() : bt;
        var c = empty(m, n);
        void Product() => OpenBlas.Sgemm(false, transB, m, n, k, 1f, ref First(a), k, ref First(b), transB ? k : n, 0f, ref First(c), n);
        Product();
        return Best(m, k, n, reps, tries, Product);
    }

    private static ref byte First(Tensor t) => ref MemoryMarshal.GetReference(t.bytes);

    private static (Tensor A, Tensor B) Operands(int m, int k, int n, bool transA, bool transB)
    {
        using var g = new Generator(1);
        var a = transA ? randn([k, m], generator: g).t() : randn([m, k], generator: g);
        var b = transB ? randn([n, k], generator: g).t() : randn([k, n], generator: g);
        return (a, b);
    }

    private static double Best(int m, int k, int n, int reps, int tries, Action product)
    {
        var best = 0.0;
        for (var t = 0; t < tries; t++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < reps; i++) product();
            best = Math.Max(best, reps * 2.0 * m * k * n / sw.Elapsed.TotalSeconds / 1e9);
        }
        return best;
    }
}
