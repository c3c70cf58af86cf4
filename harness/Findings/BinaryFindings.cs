using static Reproduce.Harness.Findings.FlatnessFindings;

namespace Reproduce.Harness.Findings;

/// <summary>F10-F11 (Figs. 6, 7, 18): binary networks.</summary>
public static class BinaryFindings
{
    /// <summary>
    /// F10: along a size series of binary HMM experiments (N ascending), the mean ΔE(p*) of each algorithm and the mean
    /// barrier of random Hamming paths do not grow, ΔE ranks RSGD ≤ SGD ≤ ADV at each N, and alignment moves the mean
    /// barrier by at most alignment_effect.
    /// </summary>
    public static Finding F10(string family, IReadOnlyList<ScalingPoint> series, double flipStar, double tol, double alignmentEffect)
    {
        const string title = "Binary HMM: as N grows ΔE and random-path barriers fall; RSGD < SGD < ADV holds; alignment changes little";
        if (family != "binary-hmm") return Finding.NotMeasured("F10", title, tol, "applies to binary networks on the Hidden Manifold Model; this experiment is not one");
        var points = series.OrderBy(p => p.X).Where(p => p.Results.LocalEnergies.Count > 0 || p.Results.Paths.Count > 0).ToList();
        if (points.Count < 2) return Finding.NotMeasured("F10", title, tol, $"needs local energies or paths at two sizes N or more, found {points.Count}");
        var numbers = new List<KeyValuePair<string, double>>();
        var failures = new List<string>();
        var algos = Ranking.Ordered(points.SelectMany(p => p.Results.LocalEnergies.Select(e => e.Algorithm)));
        foreach (var a in algos)
        {
            var energies = points.Select(p => MeanEnergy(p.Results, a, flipStar)).ToList();
            for (var i = 0; i < points.Count; i++) numbers.Add(Kv($"N={F(points[i].X)} ΔE {a}", energies[i]));
            if (Rises(energies, tol)) failures.Add($"ΔE of {a} grows with N");
        }
        var barriers = points.Select(p => Ranking.Mean(p.Results.Paths.Where(x => !x.Optimized && x.Kind == "hamming").Select(x => x.Barrier))).ToList();
        for (var i = 0; i < points.Count; i++)
            if (double.IsFinite(barriers[i])) numbers.Add(Kv($"N={F(points[i].X)} barrier hamming", barriers[i]));
        if (Rises(barriers, tol)) failures.Add("the random-path barrier grows with N");
        foreach (var p in points)
        {
            var means = Ranking.Ordered(p.Results.LocalEnergies.Select(e => e.Algorithm)).Select(a => MeanEnergy(p.Results, a, flipStar)).ToList();
            if (Ranking.WorstDecrease(means) > tol) failures.Add($"ranking broken at N={F(p.X)}");
            var raw = Ranking.Mean(p.Results.Paths.Where(x => !x.Optimized && x.Kind == "hamming").Select(x => x.Barrier));
            var aligned = Ranking.Mean(p.Results.Paths.Where(x => !x.Optimized && x.Kind == "hamming-aligned").Select(x => x.Barrier));
            if (double.IsFinite(raw) && double.IsFinite(aligned))
            {
                numbers.Add(Kv($"N={F(p.X)} alignment effect", aligned - raw));
                if (Math.Abs(aligned - raw) > alignmentEffect) failures.Add($"alignment moves the barrier by {Math.Abs(aligned - raw):G3} at N={F(p.X)}");
            }
        }
        return Finding.Judged("F10", title, failures.Count == 0, numbers, tol,
            failures.Count == 0 ? $"{points.Count} sizes N = {string.Join(", ", points.Select(p => F(p.X)))}; ΔE at p* = {F(flipStar)}" : string.Join("; ", failures));
    }

    /// <summary>F11: deep binary nets: mean barrier hamming-aligned &lt; hamming, and optimized aligned &lt; aligned, per pair type.</summary>
    public static Finding F11(ExperimentResults r, string family, double tol)
    {
        const string title = "Deep binary nets: aligned barriers < unaligned, optimized < aligned";
        if (family != "binary-deep") return Finding.NotMeasured("F11", title, tol, "applies to deep binary networks (binary MLP, binary conv); this experiment is not one");
        var plain = r.Paths.Where(p => !p.Optimized).ToList();
        var optimized = r.Paths.Where(p => p.Optimized && p.Kind == "hamming-aligned").ToList();
        if (!plain.Any(p => p.Kind == "hamming") || !plain.Any(p => p.Kind == "hamming-aligned"))
            return Finding.NotMeasured("F11", title, tol, "needs random Hamming paths before and after alignment");
        var numbers = new List<KeyValuePair<string, double>>();
        var ok = true;
        foreach (var pair in r.PairTypes(plain.Select(p => p.PairType)))
        {
            var raw = PathFindings.MeanBarrier(plain, pair, "hamming");
            var aligned = PathFindings.MeanBarrier(plain, pair, "hamming-aligned");
            var opt = PathFindings.MeanBarrier(optimized, pair, "hamming-aligned");
            numbers.Add(Kv($"{pair} hamming", raw));
            numbers.Add(Kv($"{pair} hamming-aligned", aligned));
            if (double.IsFinite(opt)) numbers.Add(Kv($"{pair} optimized", opt));
            if (double.IsFinite(raw) && double.IsFinite(aligned)) ok &= aligned <= raw + tol;
            if (double.IsFinite(opt) && double.IsFinite(aligned)) ok &= opt <= aligned + tol;
        }
        return Finding.Judged("F11", title, ok, numbers, tol,
            optimized.Count == 0 ? "mean barriers per pair type; no optimized path stored, so only aligned < unaligned was checked"
                : "mean barriers per pair type: hamming-aligned ≤ hamming and optimized ≤ hamming-aligned");
    }

    private static bool Rises(IReadOnlyList<double> values, double tol)
    {
        var finite = values.Where(double.IsFinite).ToList();
        for (var i = 0; i + 1 < finite.Count; i++)
            if (finite[i + 1] > finite[i] + tol) return true;
        return false;
    }
}
