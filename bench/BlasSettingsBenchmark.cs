using System.Diagnostics;
using System.Globalization;
using Reproduce.Core.Numerics;

namespace Reproduce.Bench;

/// <summary>
/// Whether an environment setting makes libtorch's matrix products (its bundled MKL) or its convolutions (its oneDNN)
/// faster on this machine (issue 17, item 2). Each setting runs in a fresh process of this executable (MKL and oneDNN read
/// their variables once, when they load), one process per setting per round, settings in turn, rounds repeated, so drift
/// on a shared machine falls on all alike; each row is the median over rounds, with the range. A process measures the
/// 2048² float32 GEMM, the batch-128 product of the MLP's first layer (128, 784)·(784, 500)ᵀ, and, for the oneDNN rows,
/// the seconds of one LeNet training epoch on 2,048 MNIST images (the harness trainer, batch 128, Nesterov SGD), scaled
/// to 60,000. One more process runs with MKL_VERBOSE=1, untimed, and the line where MKL names the CPU it serves is a row.
/// </summary>
public sealed class BlasSettingsBenchmark : IBenchmark
{
    /// <summary>The first argument that makes the bench executable a measuring process of this benchmark.</summary>
    public const string ChildFlag = "--blas-settings-process";

    /// <inheritdoc />
    public string Name => "blas-settings";

    /// <summary>Name, variables, libtorch threads, whether to time a LeNet epoch.</summary>
    private static readonly (string Name, (string Key, string Value)[] Env, int Threads, bool LeNet)[] Settings =
    [
        ("as set up (2 threads)", [], 2, false),
        ("1 thread", [], 1, false),
        ("MKL_ENABLE_INSTRUCTIONS=AVX512", [("MKL_ENABLE_INSTRUCTIONS", "AVX512")], 2, false),
        ("MKL_ENABLE_INSTRUCTIONS=AVX2", [("MKL_ENABLE_INSTRUCTIONS", "AVX2")], 2, false),
        ("MKL_DEBUG_CPU_TYPE=5", [("MKL_DEBUG_CPU_TYPE", "5")], 2, false),
        ("MKL_CBWR=AUTO", [("MKL_CBWR", "AUTO")], 2, false),
        ("MKL_CBWR=AVX512", [("MKL_CBWR", "AVX512")], 2, false),
        ("MKL_NUM_THREADS=2 OMP_NUM_THREADS=2", [("MKL_NUM_THREADS", "2"), ("OMP_NUM_THREADS", "2")], 2, false),
        ("MKL_DYNAMIC=FALSE", [("MKL_DYNAMIC", "FALSE")], 2, false),
        ("ONEDNN_MAX_CPU_ISA=AVX2 (project default)", [(OneDnnIsa.Variable, "AVX2")], 2, true),
        ("ONEDNN_MAX_CPU_ISA=AVX512_CORE", [(OneDnnIsa.Variable, "AVX512_CORE")], 2, true),
    ];

    /// <inheritdoc />
    public IEnumerable<BenchRow> Run(BenchContext context)
    {
        var rounds = context.Quick ? 1 : 3;
        var results = Settings.Select(_ => new List<double[]>()).ToArray();
        for (var r = 0; r < rounds; r++)
            for (var s = 0; s < Settings.Length; s++)
                results[s].Add(Measure(Settings[s], context.DataDirectory, false).Values);
        // MKL_VERBOSE slows every call (it times and prints each): an extra process, not counted.
        var kernels = Measure(Settings[0], context.DataDirectory, true).Verbose;
        for (var s = 0; s < Settings.Length; s++)
        {
            yield return Row($"{Settings[s].Name}: GEMM 2048²", results[s].Select(v => v[0]), "GFLOP/s");
            yield return Row($"{Settings[s].Name}: GEMM (128, 784)·(784, 500)", results[s].Select(v => v[1]), "GFLOP/s");
            if (Settings[s].LeNet) yield return Row($"{Settings[s].Name}: LeNet epoch", results[s].Select(v => v[2]), "s");
        }
        yield return new BenchRow($"MKL says: {kernels ?? "nothing (MKL_VERBOSE printed no version line)"}", 0, "");
    }

    /// <summary>A row with the median of <paramref name="values"/> and, in the measure's name, their range.</summary>
    internal static BenchRow Row(string measure, IEnumerable<double> values, string unit)
    {
        var v = values.Order().ToArray();
        var median = v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
        return new BenchRow($"{measure} [median of {v.Length}, {Text(v[0])}–{Text(v[^1])}]", median, unit);
    }

    private static (double[] Values, string? Verbose) Measure((string Name, (string Key, string Value)[] Env, int Threads, bool LeNet) setting,
        string dataDir, bool verbose)
    {
        var self = typeof(BlasSettingsBenchmark).Assembly.Location;
        var psi = new ProcessStartInfo(DotnetHost(), [self, ChildFlag, Text(setting.Threads), setting.LeNet ? "lenet" : "gemm", Path.GetFullPath(dataDir)])
        {
            UseShellExecute = false, RedirectStandardOutput = true,
        };
        foreach (var (k, v) in setting.Env) psi.Environment[k] = v;
        if (verbose) psi.Environment["MKL_VERBOSE"] = "1";
        using var p = Process.Start(psi)!;
        var lines = p.StandardOutput.ReadToEnd().Split('\n');
        p.WaitForExit();
        var result = lines.LastOrDefault(l => l.StartsWith("result ", StringComparison.Ordinal))
                     ?? throw new InvalidOperationException($"the process for '{setting.Name}' printed no result (exit {p.ExitCode})");
        var values = result.Split(' ').Skip(1).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        var version = lines.FirstOrDefault(l => l.StartsWith("MKL_VERBOSE", StringComparison.Ordinal) && l.Contains("processors"));
        return (values, version?.Trim());
    }

    /// <summary>
    /// A measuring process: <c>--blas-settings-process THREADS gemm|lenet DATA_DIR</c>. Prints
    /// <c>result GFLOPS_2048 GFLOPS_128x784x500 [LENET_EPOCH_S]</c>, each the best of a few after a warm-up.
    /// </summary>
    public static int Child(string[] args)
    {
        TorchSharp.torch.set_num_threads(int.Parse(args[1], CultureInfo.InvariantCulture));
        var big = Gemm.LibTorchGflops(2048, 2048, 2048, 10, false, true, 3);
        var step = Gemm.LibTorchGflops(128, 784, 500, 300, false, true, 3);
        var lenet = args[2] == "lenet" ? $" {Text(LeNetEpoch.Seconds(args[3], 2048))}" : "";
        Console.WriteLine($"result {Text(big)} {Text(step)}{lenet}");
        return 0;
    }

    private static string Text(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    internal static string DotnetHost() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
}
