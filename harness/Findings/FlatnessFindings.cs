using System.Globalization;

namespace Reproduce.Harness.Findings;

/// <summary>F1-F3 (Fig. 1): flatness ranking, generalization ranking, and flatness predicting generalization.</summary>
public static class FlatnessFindings
{
    /// <summary>F1: mean ΔE(σ) of RSGD ≤ SGD ≤ ADV at every σ &gt; 0, each step within the error tolerance.</summary>
    public static Finding F1(ExperimentResults r, double star, double tol)
    {
        const string title = "Flatness ranking: mean ΔE(σ) of RSGD ≤ SGD ≤ ADV at every σ > 0";
        var algos = Ranking.Ordered(r.LocalEnergies.Select(e => e.Algorithm));
        if (algos.Count < 2) return Finding.NotMeasured("F1", title, tol, Missing("local energies", r.LocalEnergies.Select(e => e.Algorithm)));
        var levels = r.LocalEnergies.Select(e => e.Levels).Aggregate((a, b) => a.Intersect(b).ToList()).Where(l => l > 0).ToList();
        if (levels.Count == 0) return Finding.NotMeasured("F1", title, tol, "no noise level > 0 is shared by every solution");
        var worst = double.NegativeInfinity;
        var worstAt = levels[0];
        foreach (var level in levels)
        {
            var means = algos.Select(a => MeanEnergy(r, a, level)).ToList();
            var w = Ranking.WorstDecrease(means);
            if (w > worst) (worst, worstAt) = (w, level);
        }
        var starLevel = levels.MinBy(l => Math.Abs(l - star));
        var numbers = algos.Select(a => Kv($"ΔE({Level(r)}={F(starLevel)}) {a}", MeanEnergy(r, a, starLevel))).ToList();
        numbers.Add(Kv("worst violation", Math.Max(0, worst)));
        return Finding.Judged("F1", title, worst <= tol, numbers, tol,
            $"{string.Join(" ≤ ", algos)} checked at {levels.Count} level(s) > 0; largest excess {Math.Max(0, worst):G3} at {Level(r)} = {F(worstAt)}" + Absent(algos));
    }

    /// <summary>F2: mean test error of RSGD ≤ SGD ≤ ADV.</summary>
    public static Finding F2(ExperimentResults r, double tol)
    {
        const string title = "Generalization ranking: test error RSGD ≤ SGD ≤ ADV";
        var tests = TestErrors(r);
        var algos = Ranking.Ordered(tests.Select(t => t.Algorithm));
        if (algos.Count < 2) return Finding.NotMeasured("F2", title, tol, Missing("test errors", tests.Select(t => t.Algorithm)));
        var means = algos.Select(a => Ranking.Mean(tests.Where(t => t.Algorithm == a).Select(t => t.Error))).ToList();
        var worst = Ranking.WorstDecrease(means);
        var numbers = algos.Select((a, i) => Kv($"test error {a}", means[i])).ToList();
        return Finding.Judged("F2", title, worst <= tol, numbers, tol,
            $"mean test error over {tests.Count} solution(s), {string.Join(" ≤ ", algos)}" + Absent(algos));
    }

    /// <summary>F3: Spearman's ρ between ΔE(σ*) and test error over all solutions exceeds the spec's minimum.</summary>
    public static Finding F3(ExperimentResults r, double star, double minCorrelation)
    {
        const string title = "Flatness predicts generalization: rank correlation of ΔE(σ*) and test error > 0";
        var pairs = r.LocalEnergies.Where(e => double.IsFinite(e.TestError) || r.Solutions.Any(s => s.Name == e.Solution))
            .Select(e => (Energy: e.At(star), Test: double.IsFinite(e.TestError) ? e.TestError : r.Solutions.First(s => s.Name == e.Solution).TestError))
            .Where(p => double.IsFinite(p.Energy) && double.IsFinite(p.Test)).ToList();
        if (pairs.Count < 3) return Finding.NotMeasured("F3", title, minCorrelation, $"needs local energy and test error of ≥ 3 solutions, found {pairs.Count}");
        var rho = Ranking.Spearman(pairs.Select(p => p.Energy).ToList(), pairs.Select(p => p.Test).ToList());
        if (double.IsNaN(rho)) return Finding.NotMeasured("F3", title, minCorrelation, "ΔE(σ*) or test error is the same for every solution: no ranking to correlate");
        return Finding.Judged("F3", title, rho > minCorrelation, [Kv("spearman rho", rho), Kv("solutions", pairs.Count)], minCorrelation,
            $"Spearman ρ over {pairs.Count} solutions at {Level(r)}* = {F(star)} (nearest stored level)");
    }

    /// <summary>Mean ΔE of an algorithm's solutions at a level.</summary>
    public static double MeanEnergy(ExperimentResults r, string algorithm, double level) =>
        Ranking.Mean(r.LocalEnergies.Where(e => e.Algorithm == algorithm).Select(e => e.At(level)));

    internal static List<(string Algorithm, double Error)> TestErrors(ExperimentResults r)
    {
        var list = r.Solutions.Where(s => double.IsFinite(s.TestError)).Select(s => (s.Algorithm, s.TestError)).ToList();
        if (list.Count > 0) return list;
        return r.LocalEnergies.Where(e => double.IsFinite(e.TestError)).Select(e => (e.Algorithm, e.TestError)).ToList();
    }

    internal static string Missing(string what, IEnumerable<string> present)
    {
        var have = Ranking.Ordered(present);
        return have.Count == 0 ? $"no {what} of rsgd, sgd or adv solutions stored"
            : $"{what} stored for {string.Join(", ", have)} only; a ranking needs two of rsgd, sgd, adv";
    }

    internal static string Absent(IReadOnlyList<string> present)
    {
        var missing = Ranking.PaperOrder.Except(present).ToList();
        return missing.Count == 0 ? "" : $" ({string.Join(", ", missing)} not stored)";
    }

    internal static KeyValuePair<string, double> Kv(string k, double v) => new(k, v);

    internal static string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Level(ExperimentResults r) => r.LocalEnergies.Any(e => e.Noise == "sign-flip") ? "p" : "σ";
}
