using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Numerics;

/// <summary>
/// Where the linear layers' matrix products run: libtorch (its bundled MKL) or OpenBLAS (<see cref="OpenBlasLinear"/>).
/// libtorch 2.10's MKL runs this project's AMD AVX-512 machines at 157-165 GFLOP/s for a 2048² float32 GEMM on 2 threads,
/// Debian's OpenBLAS at 257-348, and no MKL or libtorch setting changed that (issue 17, <c>./build.sh Bench -- --filter
/// blas-settings</c>). The route is chosen once per process, at the first linear layer, by <c>REPRODUCE_MATMUL</c>: auto (the
/// default), libtorch, openblas, or measure. With auto OpenBLAS runs when it is installed and a short measurement (one
/// layer 784 → 500 at batch 128: forward, input and weight gradients, best of 10 alternating rounds per library, ~0.2 s)
/// finds it at least <see cref="Margin"/> times libtorch's rate; the measurement is made once per machine and kept
/// (<see cref="RememberedRoute"/>), so every later run there takes the same route; measure makes it again. The choice
/// changes the bits of every product (the sums run in another order), so it is part of every stage's provenance; for one
/// machine, route and thread count the bits repeat.
/// </summary>
public static class MatrixProducts
{
    /// <summary>The environment variable that chooses the route: auto (default), libtorch, openblas or measure.</summary>
    public const string Variable = "REPRODUCE_MATMUL";

    /// <summary>
    /// The route without <see cref="Variable"/>: auto. On the quiet machine of issue 17 the MLP epoch took 1.52 s through
    /// OpenBLAS and 2.23 s through libtorch (PyTorch 1.84), so OpenBLAS is taken where a measurement finds it faster.
    /// </summary>
    public const string DefaultRoute = "auto";

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

    private static MatrixProductChoice Choose() =>
        Decide(Environment.GetEnvironmentVariable(Variable) ?? DefaultRoute, OpenBlas.IsAvailable, () => OpenBlas.Core,
            () => RememberedRoute.ThisMachine(OpenBlas.Core, OpenBlas.Config), RememberedRoute.DefaultPath, Measure);

    /// <summary>
    /// The route for <paramref name="asked"/> (auto, libtorch, openblas or measure): libtorch and openblas as asked (openblas
    /// fails where it is not installed); auto and measure take libtorch without OpenBLAS, else the route kept for this
    /// machine in <paramref name="recordPath"/> (auto only), else <paramref name="measure"/>'s (libtorch, OpenBLAS) GFLOP/s,
    /// OpenBLAS when it is at least <see cref="Margin"/>× libtorch's, which is then kept there for later runs.
    /// </summary>
    public static MatrixProductChoice Decide(string asked, bool openBlasAvailable, Func<string?> core, Func<string> machine, string recordPath,
        Func<(double LibTorch, double OpenBlas)> measure)
    {
        asked = asked.Trim().ToLowerInvariant();
        if (asked is not ("auto" or "libtorch" or "openblas" or "measure"))
            throw new InvalidOperationException($"{Variable}='{asked}': expected auto, libtorch, openblas or measure");
        if (asked == "libtorch") return new(MatrixProductRoute.LibTorch, $"{Variable}=libtorch", null, null, null);
        if (!openBlasAvailable)
        {
            if (asked == "openblas") throw new InvalidOperationException($"{Variable}=openblas, but no OpenBLAS is installed (Debian: libopenblas0-openmp)");
            return new(MatrixProductRoute.LibTorch, "OpenBLAS is not installed", null, null, null);
        }
        if (asked == "openblas") return new(MatrixProductRoute.OpenBlas, $"{Variable}=openblas", core(), null, null);
        var thisMachine = machine();
        return RememberedRoute.Locked(recordPath, TimeSpan.FromSeconds(60), () =>
        {
            if (asked == "auto" && RememberedRoute.Read(recordPath, thisMachine) is { } kept)
                return Choice(kept, core(), string.Create(CultureInfo.InvariantCulture,
                    $"measured on this machine {kept.MeasuredAt:yyyy-MM-dd HH:mm}Z and kept in {recordPath}"));
            var (torchRate, blasRate) = measure();
            var measured = new RememberedRoute(thisMachine, blasRate >= Margin * torchRate ? "openblas" : "libtorch",
                Math.Round(torchRate, 1), Math.Round(blasRate, 1), DateTimeOffset.UtcNow);
            var where = $"kept in {recordPath}";
            try
            {
                measured.Write(recordPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                where = $"not kept: {e.Message}";
            }
            return Choice(measured, core(), $"measured now, {where}");
        });
    }

    private static MatrixProductChoice Choice(RememberedRoute r, string? core, string when) =>
        new(r.Route == "openblas" ? MatrixProductRoute.OpenBlas : MatrixProductRoute.LibTorch,
            string.Create(CultureInfo.InvariantCulture,
                $"{when}: OpenBLAS {r.OpenBlasGflops:F0} GFLOP/s, libtorch {r.LibTorchGflops:F0} (needs ≥ {Margin}× to switch)"),
            core, r.LibTorchGflops, r.OpenBlasGflops);

    /// <summary>GFLOP/s of libtorch and OpenBLAS on one layer 784 → 500 at batch 128 (forward, ∂x, ∂w), best of 10 rounds each.</summary>
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
        for (var round = 0; round < 11; round++)
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
