using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Numerics;

/// <summary>
/// Where the linear layers' matrix products run: libtorch (its bundled MKL) or OpenBLAS (<see cref="OpenBlasLinear"/>).
/// libtorch 2.10's MKL runs this project's AMD AVX-512 machines at 157-165 GFLOP/s for a 2048² float32 GEMM on 2 threads,
/// Debian's OpenBLAS at 257-274, and no MKL or libtorch setting changed that (issue 17, <c>./build.sh Bench -- --filter
/// blas-settings</c>). The route is chosen once per process, at the first linear layer: libtorch unless <c>REPRODUCE_MATMUL=auto</c> or
/// <c>openblas</c> forces it; with <c>auto</c> OpenBLAS runs when it is installed and a short measurement (one
/// layer 784 → 500 at batch 128: forward, input and weight gradients, best of 5 alternating rounds per library, ~0.1 s)
/// finds it at least <see cref="Margin"/> times libtorch's rate. The choice changes the bits of every product (the sums run
/// in another order), so it is part of every stage's provenance; for one machine, route and thread count the bits repeat.
/// </summary>
public static class MatrixProducts
{
    /// <summary>The environment variable that forces a route: auto (default), libtorch or openblas.</summary>
    public const string Variable = "REPRODUCE_MATMUL";

    /// <summary>
    /// The route without <see cref="Variable"/>: libtorch. OpenBLAS (or auto) is opt-in until a quiet-machine measurement shows
    /// the MLP epoch faster through it: on the loaded machine of issue 17 the medians favoured libtorch (113 s vs 144 s an
    /// epoch, ranges overlapping), and a per-run measurement lets two runs of one stage differ in their last bits.
    /// </summary>
    public const string DefaultRoute = "libtorch";

    /// <summary>How much faster OpenBLAS must be for auto to pick it: far from the 1.6-1.8× measured, far above noise.</summary>
    public const double Margin = 1.15;

    private static readonly Lock Gate = new();
    private static MatrixProductChoice? chosen;

    /// <summary>The route in force, chosen (and measured) on first read.</summary>
    public static MatrixProductChoice Current
    {
        get
        {
            if (chosen is { } c) return c;
            lock (Gate) return chosen ??= Choose();
        }
    }

    /// <summary>The route, or null while no linear layer has run in this process (nothing chosen, nothing measured).</summary>
    public static MatrixProductChoice? Chosen => chosen;

    /// <summary>
    /// Makes every later product take <paramref name="route"/> (benchmarks and tests comparing the routes in one process);
    /// OpenBLAS must be installed for <see cref="MatrixProductRoute.OpenBlas"/>. Returns the choice it replaced.
    /// </summary>
    public static MatrixProductChoice Use(MatrixProductRoute route)
    {
        if (route == MatrixProductRoute.OpenBlas && !OpenBlas.IsAvailable) throw new InvalidOperationException("OpenBLAS is not installed");
        lock (Gate)
        {
            var before = Current;
            chosen = new MatrixProductChoice(route, "set by the caller", OpenBlas.IsAvailable ? OpenBlas.Core : null, null, null);
            return before;
        }
    }

    /// <summary>Puts back a choice that <see cref="Use"/> returned.</summary>
    public static void Restore(MatrixProductChoice choice)
    {
        lock (Gate) chosen = choice;
    }

    /// <summary>
    /// A Linear layer's y = x·wᵀ + b: x (n, in), w (out, in), b (out) or null → (n, out), with autograd when it is on, through
    /// the route in force. Tensors OpenBLAS cannot take (not float32, not on the CPU, x not 2-D or empty) go to libtorch.
    /// </summary>
    public static Tensor Linear(Tensor x, Tensor w, Tensor? b)
    {
        if (!Routable(x, w, b) || Current.Route != MatrixProductRoute.OpenBlas) return nn.functional.linear(x, w, b);
        var xc = x.is_contiguous() ? x : x.contiguous();
        if (!is_grad_enabled() || !(x.requires_grad || w.requires_grad || (b?.requires_grad ?? false)))
            return OpenBlasLinear.Forward(xc, w, b);
        return OpenBlasLinear.apply(xc, w, (object?)b ?? OpenBlasLinear.NoBias);
    }

    private static bool Routable(Tensor x, Tensor w, Tensor? b) =>
        x.dim() == 2 && x.shape[0] > 0 && w.dim() == 2 && w.is_contiguous() && x.dtype == ScalarType.Float32 && w.dtype == ScalarType.Float32
        && x.device_type == DeviceType.CPU && w.device_type == DeviceType.CPU
        && (b is null || (b.dtype == ScalarType.Float32 && b.device_type == DeviceType.CPU && b.dim() == 1));

    private static MatrixProductChoice Choose()
    {
        var asked = (Environment.GetEnvironmentVariable(Variable) ?? DefaultRoute).Trim().ToLowerInvariant();
        if (asked is not ("auto" or "libtorch" or "openblas"))
            throw new InvalidOperationException($"{Variable}='{asked}': expected auto, libtorch or openblas");
        if (asked == "libtorch") return new(MatrixProductRoute.LibTorch, $"{Variable}=libtorch", null, null, null);
        if (!OpenBlas.IsAvailable)
        {
            if (asked == "openblas") throw new InvalidOperationException($"{Variable}=openblas, but no OpenBLAS is installed (Debian: libopenblas0-openmp)");
            return new(MatrixProductRoute.LibTorch, "OpenBLAS is not installed", null, null, null);
        }
        if (asked == "openblas") return new(MatrixProductRoute.OpenBlas, $"{Variable}=openblas", OpenBlas.Core, null, null);
        var (torchRate, blasRate) = Measure();
        var route = blasRate >= Margin * torchRate ? MatrixProductRoute.OpenBlas : MatrixProductRoute.LibTorch;
        var why = string.Create(CultureInfo.InvariantCulture,
            $"measured at start-up: OpenBLAS {blasRate:F0} GFLOP/s, libtorch {torchRate:F0} (needs ≥ {Margin}× to switch)");
        return new(route, why, OpenBlas.Core, Math.Round(torchRate, 1), Math.Round(blasRate, 1));
    }

    /// <summary>GFLOP/s of libtorch and OpenBLAS on one layer 784 → 500 at batch 128 (forward, ∂x, ∂w), best of 5 rounds each.</summary>
    private static (double LibTorch, double OpenBlas) Measure()
    {
        const int n = 128, input = 784, output = 500, reps = 4;
        using var scope = NewDisposeScope();
        using var g = new Generator(1);
        var x = randn([n, input], generator: g);
        var w = randn([output, input], generator: g);
        var dy = randn([n, output], generator: g);
        var flops = reps * 3 * 2.0 * n * input * output;
        double torchBest = 0, blasBest = 0;
        for (var round = 0; round < 6; round++)
        {
            var t = Time(() =>
            {
                using var s = NewDisposeScope();
                for (var i = 0; i < reps; i++) { x.mm(w.t()); dy.mm(w); dy.t().mm(x); }
            });
            var o = Time(() =>
            {
                using var s = NewDisposeScope();
                for (var i = 0; i < reps; i++) OpenBlasLinear.Products(x, w, dy);
            });
            if (round == 0) continue; // warm-up: thread pools, first-touch of buffers
            torchBest = Math.Max(torchBest, flops / t / 1e9);
            blasBest = Math.Max(blasBest, flops / o / 1e9);
        }
        return (torchBest, blasBest);
    }

    private static double Time(Action a)
    {
        var sw = Stopwatch.StartNew();
        a();
        return sw.Elapsed.TotalSeconds;
    }
}
