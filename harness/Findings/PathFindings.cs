using static Reproduce.Harness.Findings.FlatnessFindings;

namespace Reproduce.Harness.Findings;

/// <summary>F4-F7 (Figs. 2, 3): barriers along paths before and after removing the symmetries.</summary>
public static class PathFindings
{
    /// <summary>Path kinds from most to least symmetry-aware: continuous nets.</summary>
    public static readonly IReadOnlyList<string> ContinuousKinds = ["geodesic-aligned", "linear-aligned", "linear"];

    /// <summary>Path kinds from aligned to raw: binary nets.</summary>
    public static readonly IReadOnlyList<string> BinaryKinds = ["hamming-aligned", "hamming"];

    /// <summary>F4: per pair type, mean barrier geodesic-aligned ≤ linear-aligned ≤ linear (binary: hamming-aligned ≤ hamming).</summary>
    public static Finding F4(ExperimentResults r, bool binary, double tol)
    {
        const string title = "Removing symmetries lowers barriers: geodesic-aligned ≤ linear-aligned ≤ linear, per pair type";
        var paths = r.Paths.Where(p => !p.Optimized).ToList();
        var kinds = (binary ? BinaryKinds : ContinuousKinds).Where(k => paths.Any(p => p.Kind == k)).ToList();
        if (kinds.Count < 2) return Finding.NotMeasured("F4", title, tol, $"needs paths of two kinds or more, found: {Kinds(paths)}");
        var numbers = new List<KeyValuePair<string, double>>();
        var worst = double.NegativeInfinity;
        string? worstPair = null;
        foreach (var pair in r.PairTypes(paths.Select(p => p.PairType)))
        {
            var means = kinds.Select(k => MeanBarrier(paths, pair, k)).ToList();
            for (var i = 0; i < kinds.Count; i++)
                if (double.IsFinite(means[i])) numbers.Add(Kv($"{pair} {kinds[i]}", means[i]));
            var present = means.Where(double.IsFinite).ToList();
            var w = Ranking.WorstDecrease(present);
            if (w > worst) (worst, worstPair) = (w, pair);
        }
        return Finding.Judged("F4", title, worst <= tol, numbers, tol,
            $"mean barrier per pair type, {string.Join(" ≤ ", kinds)}; largest excess {Math.Max(0, worst):G3}" + (worstPair is null ? "" : $" ({worstPair})"));
    }

    /// <summary>F5: on aligned geodesics the flattest same-type pair has the lowest mean barrier and the sharpest the highest.</summary>
    public static Finding F5(ExperimentResults r, bool binary, double tol)
    {
        const string title = "Barrier ranking on geodesic-aligned paths: RSGD-RSGD lowest, ADV-ADV highest, mixed pairs between";
        var kind = binary ? "hamming-aligned" : "geodesic-aligned";
        var paths = r.Paths.Where(p => !p.Optimized && p.Kind == kind).ToList();
        var algos = Ranking.Ordered(paths.SelectMany(p => new[] { ExperimentResults.AlgorithmOf(p.A), ExperimentResults.AlgorithmOf(p.B) }));
        var flat = algos.Count > 0 ? $"{algos[0]}-{algos[0]}" : "";
        var sharp = algos.Count > 0 ? $"{algos[^1]}-{algos[^1]}" : "";
        if (algos.Count < 2 || !paths.Any(p => p.PairType == flat) || !paths.Any(p => p.PairType == sharp))
            return Finding.NotMeasured("F5", title, tol, $"needs {kind} paths of two same-type pairs of different algorithms; found pair types: {string.Join(", ", paths.Select(p => p.PairType).Distinct())}");
        var types = r.PairTypes(paths.Select(p => p.PairType));
        var means = types.ToDictionary(t => t, t => MeanBarrier(paths, t, kind));
        var others = means.Where(m => m.Key != flat && m.Key != sharp).Select(m => m.Value).ToList();
        var lowOk = means.Values.All(v => means[flat] <= v + tol);
        var highOk = means.Values.All(v => means[sharp] >= v - tol);
        var numbers = types.Select(t => Kv(t, means[t])).ToList();
        return Finding.Judged("F5", title, lowOk && highOk, numbers, tol,
            $"mean {kind} barrier per pair type: {flat} {(lowOk ? "is" : "is not")} the lowest, {sharp} {(highOk ? "is" : "is not")} the highest ({others.Count} other type(s))");
    }

    /// <summary>
    /// F6: along aligned geodesics between solutions of different flatness, the mean train error of the half next to the
    /// flatter end (by measured ΔE where stored, else the paper's order) is at most that of the other half.
    /// </summary>
    public static Finding F6(ExperimentResults r, bool binary, double star, double tol)
    {
        const string title = "Geodesics between solutions of different flatness are flatter on the flatter side";
        var kind = binary ? "hamming-aligned" : "geodesic-aligned";
        var mixed = r.Paths.Where(p => !p.Optimized && p.Kind == kind && ExperimentResults.AlgorithmOf(p.A) != ExperimentResults.AlgorithmOf(p.B)).ToList();
        if (mixed.Count == 0) return Finding.NotMeasured("F6", title, tol, $"no {kind} path between solutions of different algorithms");
        var flatness = Flatness(r, star, out var source);
        var numbers = new List<KeyValuePair<string, double>>();
        var worst = double.NegativeInfinity;
        foreach (var pair in r.PairTypes(mixed.Select(p => p.PairType)))
        {
            var diffs = mixed.Where(p => p.PairType == pair).Select(p =>
            {
                var aFlatter = flatness(ExperimentResults.AlgorithmOf(p.A)) <= flatness(ExperimentResults.AlgorithmOf(p.B));
                var first = Side(p, t => t < 0.5);
                var second = Side(p, t => t > 0.5);
                return aFlatter ? first - second : second - first;
            }).ToList();
            var d = Ranking.Mean(diffs);
            numbers.Add(Kv($"{pair} flatter half − sharper half", d));
            worst = Math.Max(worst, d);
        }
        return Finding.Judged("F6", title, worst <= tol, numbers, tol,
            $"mean train error of the half of each {kind} path next to the flatter end minus the other half (flatter by {source})");
    }

    /// <summary>F7: optimized aligned paths have barriers ≤ zero_barrier, and no higher than optimized unaligned ones.</summary>
    public static Finding F7(ExperimentResults r, bool binary, double zero, double tol)
    {
        const string title = "Optimized aligned paths have (near-)zero barriers, lower than unaligned optimized ones";
        var optimized = r.Paths.Where(p => p.Optimized).ToList();
        var alignedKinds = binary ? new[] { "hamming-aligned" } : ["linear-aligned", "geodesic-aligned"];
        var rawKind = binary ? "hamming" : "linear";
        var aligned = optimized.Where(p => alignedKinds.Contains(p.Kind)).ToList();
        if (aligned.Count == 0) return Finding.NotMeasured("F7", title, zero, $"no optimized aligned path stored (found: {Kinds(optimized)})");
        var max = aligned.Max(p => p.Barrier);
        var numbers = new List<KeyValuePair<string, double>> { Kv("max aligned barrier", max) };
        foreach (var k in alignedKinds.Append(rawKind).Where(k => optimized.Any(p => p.Kind == k)))
            numbers.Add(Kv($"mean {k} barrier", Ranking.Mean(optimized.Where(p => p.Kind == k).Select(p => p.Barrier))));
        var raw = optimized.Where(p => p.Kind == rawKind).ToList();
        var lower = true;
        foreach (var pair in raw.Select(p => p.PairType).Distinct())
        foreach (var k in alignedKinds.Where(k => aligned.Any(p => p.PairType == pair && p.Kind == k)))
            lower &= MeanBarrier(aligned, pair, k) <= MeanBarrier(raw, pair, rawKind) + tol;
        // The paper trains each midpoint to zero train error; a midpoint stopped by the epoch cap above it explains a barrier.
        var midpoint = aligned.Select(p => p.MidpointTrainError ?? double.NaN).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
        if (double.IsFinite(midpoint)) numbers.Add(Kv("max aligned midpoint train error", midpoint));
        var detail = $"{aligned.Count} optimized aligned path(s), highest barrier {max:G3} (near-zero: ≤ {zero:G3})" +
                     (midpoint > zero ? $"; some midpoints stopped at the epoch cap above zero train error (max {midpoint:G3})" : "") +
                     (raw.Count == 0 ? $"; no optimized {rawKind} path to compare with" : $"; per pair type aligned ≤ {rawKind} + {tol:G3}: {(lower ? "yes" : "no")}");
        return Finding.Judged("F7", title, max <= zero && lower, numbers, zero, detail);
    }

    /// <summary>Mean barrier of the paths of one pair type and kind (NaN when none).</summary>
    public static double MeanBarrier(IEnumerable<PathResult> paths, string pairType, string kind) =>
        Ranking.Mean(paths.Where(p => p.PairType == pairType && p.Kind == kind).Select(p => p.Barrier));

    /// <summary>
    /// A flatness score per algorithm (lower = flatter): the mean ΔE at the star level where local energies are stored,
    /// else the rank in the paper's order; <paramref name="source"/> says which.
    /// </summary>
    internal static Func<string, double> Flatness(ExperimentResults r, double star, out string source)
    {
        var measured = r.LocalEnergies.Select(e => e.Algorithm).Distinct().ToDictionary(a => a, a => MeanEnergy(r, a, star));
        if (measured.Count >= 2)
        {
            source = "measured ΔE";
            return a => measured.TryGetValue(a, out var v) ? v : double.NaN;
        }
        source = "the paper's order RSGD < SGD < ADV";
        return a => Ranking.PaperOrder.ToList().IndexOf(a) is var i and >= 0 ? i : double.NaN;
    }

    private static double Side(PathResult p, Func<double, bool> inSide) =>
        Ranking.Mean(p.T.Select((t, i) => (t, e: p.TrainError[i])).Where(x => inSide(x.t)).Select(x => x.e));

    private static string Kinds(IEnumerable<PathResult> paths)
    {
        var kinds = paths.Select(p => p.Kind).Distinct().Order(StringComparer.Ordinal).ToList();
        return kinds.Count == 0 ? "none" : string.Join(", ", kinds);
    }
}
