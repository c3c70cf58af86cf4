using Reproduce.Harness.Findings;

namespace Reproduce.Tests.Harness.Findings;

/// <summary>
/// In-memory stored results of one experiment, built line by line, for tests that pin each verdict of a finding to the
/// numbers that imply it. Solution names are <c>&lt;algorithm&gt;-s&lt;seed&gt;</c>; a pair's type is its two algorithms in
/// the order given (pass the flatter one, in the paper's order, first).
/// </summary>
public sealed class Fabricated
{
    private readonly List<SolutionResult> solutions = [];
    private readonly List<LocalEnergyResult> energies = [];
    private readonly List<PathResult> paths = [];
    private readonly List<DistanceResult> distances = [];
    private readonly List<InvarianceCheck> checks = [];

    /// <summary>The architecture every train manifest records (decides binary, and whether the net has hidden units).</summary>
    public string Arch { get; init; } = "mlp:784,20,10";

    /// <summary>Train samples every local energy and path records as measured on (0: not recorded).</summary>
    public int EvalTrainSamples { get; init; }

    /// <summary>The noise levels of every local energy: σ for continuous nets, p for binary ones.</summary>
    public double[] Levels { get; init; } = [0, 0.1, 0.2, 0.3];

    /// <summary>
    /// Solutions of three algorithms × seeds 1, 2, with test errors rsgd 0.02, sgd 0.03, adv 0.05 (+0.001·seed); all converged
    /// but those named in <paramref name="unconverged"/>.
    /// </summary>
    public static Fabricated ThreeByTwo(string arch = "mlp:784,20,10", params string[] unconverged)
    {
        var f = new Fabricated { Arch = arch, Levels = arch.StartsWith("mlp", StringComparison.Ordinal) ? [0, 0.1, 0.2, 0.3] : [0, 0.02, 0.05, 0.1] };
        var test = new Dictionary<string, double> { ["rsgd"] = 0.02, ["sgd"] = 0.03, ["adv"] = 0.05 };
        foreach (var a in StoredRun.Algorithms)
        foreach (var seed in new[] { 1, 2 })
            f.Solution(a, seed, test[a] + 0.001 * seed, !unconverged.Contains($"{a}-s{seed}"));
        return f;
    }

    /// <summary>A solution with its test error; <paramref name="converged"/> false: its train manifest says it did not reach the threshold.</summary>
    public Fabricated Solution(string algorithm, int seed, double test, bool converged = true)
    {
        solutions.Add(new SolutionResult($"{algorithm}-s{seed}", algorithm, seed, converged ? 0 : 0.2, test, converged, 0, 10, 10, 1, Arch));
        return this;
    }

    /// <summary>ΔE of <paramref name="solution"/> at every level: <paramref name="scale"/>·level (so 0 at level 0).</summary>
    public Fabricated Energy(string solution, double scale, double? test = null) => EnergyAt(solution, Levels.Select(l => scale * l).ToArray(), test);

    /// <summary>ΔE of <paramref name="solution"/> given at every level.</summary>
    public Fabricated EnergyAt(string solution, double[] mean, double? test = null)
    {
        var t = test ?? solutions.FirstOrDefault(s => s.Name == solution)?.TestError ?? double.NaN;
        energies.Add(new LocalEnergyResult(solution, ExperimentResults.AlgorithmOf(solution), Arch.StartsWith("mlp", StringComparison.Ordinal) ? "multiplicative-gaussian" : "sign-flip",
            Levels, mean, mean.Select(_ => 0.0).ToArray(), 0, t, EvalTrainSamples));
        return this;
    }

    /// <summary>
    /// A path with <paramref name="points"/> evenly spaced points: err(t) = h·4t(1−t)·(1 + skew·(t − 0.5)), a bump of height about
    /// h, higher toward B when skew &gt; 0; its barrier is <paramref name="barrier"/> when given, else the bump's maximum.
    /// </summary>
    public Fabricated Path(string kind, string a, string b, double h, double skew = 0, int points = 11, double? barrier = null)
    {
        var t = Enumerable.Range(0, points).Select(i => i / (double)(points - 1)).ToArray();
        var err = t.Select(x => h * 4 * x * (1 - x) * (1 + skew * (x - 0.5))).ToArray();
        paths.Add(new PathResult(kind, false, a, b, Type(a, b), t, err, err, barrier ?? err.Max(), err.Max(), null, null, null, null, EvalTrainSamples));
        return this;
    }

    /// <summary>
    /// An optimized path with its barrier and midpoint distances; <paramref name="converged"/>: midpoint_converged;
    /// <paramref name="trained"/> false: M0 already sat at the threshold (start error 0 ≤ threshold 0).
    /// </summary>
    public Fabricated Optimized(string kind, string a, string b, double barrier, double dAm = 10, double dMb = 10, bool converged = true, bool trained = true,
        bool withMidpoint = true)
    {
        var t = new[] { 0, 0.25, 0.5, 0.75, 1.0 };
        var err = new[] { 0, barrier, 0, barrier / 2, 0 };
        var midpoint = withMidpoint ? new MidpointResult(converged, converged ? 0 : 0.3, trained ? 0.4 : 0, 0, 1) : null;
        paths.Add(new PathResult(kind, true, a, b, Type(a, b), t, err, err, barrier, barrier, dAm, dMb, midpoint?.TrainError, midpoint));
        return this;
    }

    /// <summary>A row of distances.csv: the normalized-aligned geodesic distance and, for binary nets, the aligned Hamming distance.</summary>
    public Fabricated Distance(string a, string b, double geodesic, double? hamming = null)
    {
        distances.Add(new DistanceResult(a, b, Type(a, b), 40, 30, geodesic, hamming, hamming));
        return this;
    }

    /// <summary>An exactness check a canonicalize stage stored for <paramref name="solution"/>.</summary>
    public Fabricated Check(string solution, int changed = 0, double self = 1e-7)
    {
        checks.Add(new InvarianceCheck($"canonicalize/x/{solution}", changed, self, solution));
        return this;
    }

    /// <summary>The stored results.</summary>
    public ExperimentResults Build(string experiment = "x") =>
        new(experiment, StoredRun.Algorithms, solutions.ToList(), energies.ToList(), paths.ToList(), [], distances.ToList(), checks.ToList());

    private static string Type(string a, string b) => $"{ExperimentResults.AlgorithmOf(a)}-{ExperimentResults.AlgorithmOf(b)}";
}
