using System.Diagnostics;
using System.Globalization;
using Reproduce.Core.Assignment;

namespace Reproduce.Bench;

/// <summary>
/// Linear assignment on uniform random n × n costs (n = 512, 2048, 4096; 4096 skipped with --quick) and on
/// 2048 × 2048 integer costs 0..9 (many ties):
/// our <see cref="JonkerVolgenant"/> against SciPy's <c>linear_sum_assignment</c> on the same matrices, in the
/// same run. Both sides report the best of k solves (k = 5, 3, 1 by size; 1 with --quick), timing only the solve.
/// SciPy is run by Debian's /usr/bin/python3 on the matrix written to a temporary raw float64 file.
/// </summary>
public sealed class AssignmentBenchmark : IBenchmark
{
    private const string Python = "/usr/bin/python3";

    // Reads the raw matrix, solves k times, prints "best_seconds value".
    private const string Snippet = """
        import sys, time
        import numpy as np
        from scipy.optimize import linear_sum_assignment
        n, k = int(sys.argv[2]), int(sys.argv[3])
        c = np.fromfile(sys.argv[1], dtype="<f8").reshape(n, n)
        best = float("inf")
        for _ in range(k):
            t = time.perf_counter(); r, col = linear_sum_assignment(c); best = min(best, time.perf_counter() - t)
        print(repr(best), repr(float(c[r, col].sum())))
        """;

    public string Name => "Assignment";

    public IEnumerable<BenchRow> Run(BenchContext context)
    {
        var scipy = ScipyAvailable();
        LinearAssignment.Solve(Costs(256, 0, seed: 1)); // JIT warm-up, so --quick's single solves are not compile times
        if (!scipy) yield return new BenchRow("SciPy (/usr/bin/python3 + scipy) not found", 0, "", "≤ SciPy: not compared", null);
        foreach (var (n, reps, levels) in new[] { (512, 5, 0), (2048, 3, 0), (4096, 1, 0), (2048, 3, 10) })
        {
            if (context.Quick && n > 2048) continue;
            var k = context.Quick ? 1 : reps;
            var cost = Costs(n, levels, seed: n);
            var what = levels == 0 ? $"{n}x{n}" : $"{n}x{n} integers 0..{levels - 1} (ties)";
            var (ours, ourValue) = TimeOurs(cost, k);
            if (!scipy)
            {
                yield return new BenchRow($"JonkerVolgenant {what}, best of {k}", ours, "s");
                continue;
            }
            var (theirs, theirValue) = TimeScipy(cost, n, k);
            var agree = Math.Abs(ourValue - theirValue) <= 1e-9 * Math.Max(1, Math.Abs(theirValue));
            yield return new BenchRow($"SciPy linear_sum_assignment {what}, best of {k}", theirs, "s");
            yield return new BenchRow($"JonkerVolgenant {what}, best of {k}{(agree ? "" : " (VALUE DIFFERS)")}", ours, "s",
                "≤ SciPy", agree && ours <= theirs);
        }
    }

    /// <summary>C: (n, n) uniform in [0, 1), or uniform integers 0..levels-1 when levels &gt; 0.</summary>
    private static double[,] Costs(int n, int levels, int seed)
    {
        var rng = new Random(seed);
        var c = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                c[i, j] = levels > 0 ? rng.Next(levels) : rng.NextDouble();
        return c;
    }

    private static (double Seconds, double Value) TimeOurs(double[,] cost, int k)
    {
        var best = double.PositiveInfinity;
        var value = 0.0;
        for (var r = 0; r < k; r++)
        {
            var sw = Stopwatch.StartNew();
            var pi = LinearAssignment.Solve(cost);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
            value = 0;
            for (var i = 0; i < pi.Length; i++) value += cost[i, pi[i]];
        }
        return (best, value);
    }

    private static (double Seconds, double Value) TimeScipy(double[,] cost, int n, int k)
    {
        var file = Path.GetTempFileName();
        try
        {
            var bytes = new byte[cost.Length * sizeof(double)];
            Buffer.BlockCopy(cost, 0, bytes, 0, bytes.Length);
            File.WriteAllBytes(file, bytes);
            var output = RunPython("-c", Snippet, file, n.ToString(CultureInfo.InvariantCulture), k.ToString(CultureInfo.InvariantCulture));
            var parts = output.Trim().Split(' ');
            return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static bool ScipyAvailable()
    {
        if (!File.Exists(Python)) return false;
        try { RunPython("-c", "import scipy.optimize"); return true; }
        catch (InvalidOperationException) { return false; }
    }

    private static string RunPython(params string[] args)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + Python);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Python} exited with {process.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
