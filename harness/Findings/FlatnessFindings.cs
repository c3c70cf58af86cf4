using System.Globalization;
using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Findings;

/// <summary>F1-F3 (Fig. 1): flatness ranking, generalization ranking, and flatness predicting generalization, on converged solutions.</summary>
public static class FlatnessFindings
{
    /// <summary>
    /// F1: mean ΔE(σ) of RSGD &lt; SGD &lt; ADV at every σ &gt; 0. Each adjacent pair of algorithms is compared at every shared
    /// level; it fails if reversed at one level, holds if resolved at one level at least (at small σ every ΔE is ~0).
    /// </summary>
    public static Finding F1(Evidence e, FindingsSpec spec, double star)
    {
        var algos = Ranking.Ordered(e.Kept.Algorithms);
        var inputs = new FindingInputs("local energies", e.Kept.LocalEnergies.Count(x => algos.Contains(x.Algorithm)),
            e.LeftOut.LocalEnergies.Count(x => algos.Contains(x.Algorithm)));
        if (TooFew(e, algos, a => e.Kept.LocalEnergies.Count(x => x.Algorithm == a), a => e.LeftOut.LocalEnergies.Count(x => x.Algorithm == a),
                "local energies", spec) is { } why) return Finding.NotMeasured("F1", inputs, why);
        var energies = e.Kept.LocalEnergies.Where(x => algos.Contains(x.Algorithm)).ToList();
        var levels = energies.Select(x => x.Levels).Aggregate((a, b) => a.Intersect(b).ToList()).Where(l => l > 0).ToList();
        if (levels.Count == 0) return Finding.NotMeasured("F1", inputs, "no noise level > 0 is shared by every converged solution's local energy");
        var comparisons = new List<Comparison>();
        var pool = new List<Comparison>();
        var pairVerdicts = new List<Verdict>();
        foreach (var (lo, hi) in Adjacent(algos))
        {
            var ofPair = levels.Select(l => Compare.Lower($"ΔE({Level(e.Kept)}={F(l)}) {lo} < {hi}", At(energies, lo, l), At(energies, hi, l), spec.ErrorTolerance,
                spec.SpreadStandardErrors)).ToList();
            var v = Verdicts.AtSomeLevel(ofPair.Select(c => c.Verdict));
            pairVerdicts.Add(v);
            comparisons.AddRange(ofPair);
            pool.AddRange(v == Verdict.Holds ? [ofPair.Where(c => c.Verdict == Verdict.Holds).MaxBy(c => c.Strength)!] : ofPair.Where(c => c.Verdict == v));
        }
        var starLevel = levels.MinBy(l => Math.Abs(l - star));
        var numbers = algos.Select(a => Kv($"ΔE({Level(e.Kept)}={F(starLevel)}) {a}", Ranking.Mean(At(energies, a, starLevel)))).ToList();
        return Finding.Judged("F1", Verdicts.AllOf(pairVerdicts), comparisons, numbers, inputs,
            $"mean ΔE of converged solutions, {string.Join(" < ", algos)}, at {levels.Count} level(s) {Level(e.Kept)} > 0: reversed at none and resolved at one at least",
            decisive: pool);
    }

    /// <summary>F2: mean test error of converged solutions, RSGD &lt; SGD &lt; ADV (each adjacent step resolved).</summary>
    public static Finding F2(Evidence e, FindingsSpec spec)
    {
        var algos = Ranking.Ordered(e.Kept.Algorithms);
        var kept = e.Kept.Solutions.Where(s => algos.Contains(s.Algorithm) && double.IsFinite(s.TestError)).ToList();
        var inputs = new FindingInputs("solutions", kept.Count, e.LeftOut.Solutions.Count(s => algos.Contains(s.Algorithm)));
        if (TooFew(e, algos, a => kept.Count(s => s.Algorithm == a), a => e.LeftOut.Solutions.Count(s => s.Algorithm == a), "solutions", spec) is { } why)
            return Finding.NotMeasured("F2", inputs, why);
        List<double> Tests(string a) => kept.Where(s => s.Algorithm == a).Select(s => s.TestError).ToList();
        var comparisons = Adjacent(algos).Select(p => Compare.Lower($"test error {p.Lo} < {p.Hi}", Tests(p.Lo), Tests(p.Hi), spec.ErrorTolerance,
            spec.SpreadStandardErrors)).ToList();
        var numbers = algos.Select(a => Kv($"test error {a}", Ranking.Mean(Tests(a)))).ToList();
        return Finding.Judged("F2", Verdicts.AllOf(comparisons.Select(c => c.Verdict)), comparisons, numbers, inputs,
            $"mean test error of converged solutions, {string.Join(" < ", algos)}");
    }

    /// <summary>F3: Spearman's ρ between ΔE(σ*) and test error over converged solutions above the spec's minimum, beyond k/√(n−1).</summary>
    public static Finding F3(Evidence e, FindingsSpec spec, double star)
    {
        var pairs = Pairs(e.Kept, star);
        var inputs = new FindingInputs("solutions", pairs.Count, e.LeftOut.LocalEnergies.Count);
        if (pairs.Count < 3)
            return Finding.NotMeasured("F3", inputs, $"needs local energy and test error of ≥ 3 converged solutions, found {pairs.Count}; {e.SolutionCounts(e.Kept.Algorithms)}");
        var rho = Ranking.Spearman(pairs.Select(p => p.Energy).ToList(), pairs.Select(p => p.Test).ToList());
        var detail = $"Spearman ρ over {pairs.Count} converged solutions at {Level(e.Kept)}* = {F(star)} (nearest stored level)";
        if (double.IsNaN(rho))
            return Finding.Judged("F3", Verdict.Inconclusive, [], [Kv("solutions", pairs.Count)], inputs, detail,
                "ΔE(σ*) or test error is the same for every converged solution: no ranking to correlate");
        var c = Compare.Correlation($"ρ(ΔE, test error) > {F(spec.MinRankCorrelation)}", rho, pairs.Count, spec.MinRankCorrelation, spec.SpreadStandardErrors);
        return Finding.Judged("F3", c.Verdict, [c], [Kv("spearman rho", rho), Kv("solutions", pairs.Count)], inputs, detail);
    }

    /// <summary>(ΔE at the level nearest <paramref name="star"/>, test error) of every solution with a local energy in <paramref name="r"/>.</summary>
    public static List<(string Solution, double Energy, double Test)> Pairs(ExperimentResults r, double star) =>
        r.LocalEnergies.Select(x => (x.Solution, Energy: x.At(star),
                Test: double.IsFinite(x.TestError) ? x.TestError : r.Solutions.FirstOrDefault(s => s.Name == x.Solution)?.TestError ?? double.NaN))
            .Where(p => double.IsFinite(p.Energy) && double.IsFinite(p.Test)).ToList();

    /// <summary>The ΔE of an algorithm's solutions at a stored level.</summary>
    public static List<double> At(IEnumerable<LocalEnergyResult> energies, string algorithm, double level) =>
        energies.Where(x => x.Algorithm == algorithm).Select(x => x.At(level)).ToList();

    /// <summary>Adjacent pairs of a ranking: (rsgd, sgd), (sgd, adv).</summary>
    public static IEnumerable<(string Lo, string Hi)> Adjacent(IReadOnlyList<string> ranked)
    {
        for (var i = 0; i + 1 < ranked.Count; i++) yield return (ranked[i], ranked[i + 1]);
    }

    /// <summary>
    /// Null when every group has at least the spec's <c>min_converged</c> converged inputs (and there are two groups to rank);
    /// else why not, with each group's counts ("rsgd 0 of 2 local energies").
    /// </summary>
    public static string? TooFew(Evidence e, IReadOnlyList<string> groups, Func<string, int> kept, Func<string, int> leftOut, string what, FindingsSpec spec)
    {
        if (groups.Count < 2)
            return $"a ranking needs two of rsgd, sgd, adv; the experiment trains {(e.Kept.Algorithms.Count == 0 ? "none" : string.Join(", ", e.Kept.Algorithms))}";
        var short_ = groups.Where(g => kept(g) < spec.MinConverged).ToList();
        if (short_.Count == 0) return null;
        return $"too few converged inputs (needs {spec.MinConverged} per group): " +
               string.Join(", ", short_.Select(g => $"{g} {kept(g)} of {kept(g) + leftOut(g)} {what}")) + $"; {e.SolutionCounts(e.Kept.Algorithms)}";
    }

    internal static KeyValuePair<string, double> Kv(string k, double v) => new(k, v);

    internal static string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);

    internal static string Level(ExperimentResults r) => r.LocalEnergies.Any(e => e.Noise == "sign-flip") ? "p" : "σ";
}
