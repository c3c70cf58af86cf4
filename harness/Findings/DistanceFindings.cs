using static Reproduce.Harness.Findings.FlatnessFindings;

namespace Reproduce.Harness.Findings;

/// <summary>F8-F9 (Fig. 5): distances between solutions and to optimized midpoints.</summary>
public static class DistanceFindings
{
    /// <summary>F8: after normalization and alignment, d(RSGD,RSGD) &lt; d(SGD,SGD) &lt; d(ADV,ADV) (binary: aligned Hamming distance).</summary>
    public static Finding F8(ExperimentResults r, bool binary, double relTol)
    {
        const string title = "After normalization and alignment flatter solutions are closer: d(RSGD,RSGD) < d(SGD,SGD) < d(ADV,ADV)";
        var metric = binary ? "hamming_aligned" : "geodesic_normalized_aligned";
        Func<DistanceResult, double?> pick = binary ? d => d.HammingAligned : d => d.GeodesicNormalizedAligned;
        var same = r.Distances.Where(d => pick(d) is not null && ExperimentResults.AlgorithmOf(d.A) == ExperimentResults.AlgorithmOf(d.B)).ToList();
        var algos = Ranking.Ordered(same.Select(d => ExperimentResults.AlgorithmOf(d.A)));
        if (algos.Count < 2) return Finding.NotMeasured("F8", title, relTol, Missing($"{metric} distances of same-algorithm pairs", same.Select(d => ExperimentResults.AlgorithmOf(d.A))));
        var means = algos.Select(a => Ranking.Mean(same.Where(d => ExperimentResults.AlgorithmOf(d.A) == a).Select(d => pick(d)!.Value))).ToList();
        var ok = true;
        for (var i = 0; i + 1 < means.Count; i++) ok &= means[i] <= means[i + 1] * (1 + relTol);
        return Finding.Judged("F8", title, ok, algos.Select((a, i) => Kv($"{a}-{a} {metric}", means[i])).ToList(), relTol,
            $"mean {metric} over same-algorithm pairs, {string.Join(" < ", algos.Select(a => $"d({a},{a})"))} (relative slack)" + Absent(algos));
    }

    /// <summary>F9: an optimized midpoint between solutions of different flatness lies closer to the flatter one (mean per pair type).</summary>
    public static Finding F9(ExperimentResults r, double star, double relTol)
    {
        const string title = "Optimized midpoints lie closer to the flatter endpoint";
        var mixed = r.Paths.Where(p => p.Optimized && p.DistanceAM is not null && p.DistanceMB is not null
                                        && ExperimentResults.AlgorithmOf(p.A) != ExperimentResults.AlgorithmOf(p.B)).ToList();
        if (mixed.Count == 0) return Finding.NotMeasured("F9", title, relTol, "no optimized path between solutions of different algorithms with midpoint distances");
        // One path kind, so that one metric: the most symmetry-aware one stored.
        var kind = new[] { "geodesic-aligned", "hamming-aligned", "linear-aligned", "linear", "hamming" }.FirstOrDefault(k => mixed.Any(p => p.Kind == k)) ?? mixed[0].Kind;
        mixed = mixed.Where(p => p.Kind == kind).ToList();
        var flatness = PathFindings.Flatness(r, star, out var source);
        var numbers = new List<KeyValuePair<string, double>>();
        var ok = true;
        foreach (var pair in r.PairTypes(mixed.Select(p => p.PairType)))
        {
            var ofPair = mixed.Where(p => p.PairType == pair).ToList();
            var toFlat = Ranking.Mean(ofPair.Select(p => AFlatter(p) ? p.DistanceAM!.Value : p.DistanceMB!.Value));
            var toSharp = Ranking.Mean(ofPair.Select(p => AFlatter(p) ? p.DistanceMB!.Value : p.DistanceAM!.Value));
            numbers.Add(Kv($"{pair} d(flatter,M)", toFlat));
            numbers.Add(Kv($"{pair} d(sharper,M)", toSharp));
            ok &= toFlat <= toSharp * (1 + relTol);
        }
        return Finding.Judged("F9", title, ok, numbers, relTol,
            $"mean distance of the optimized midpoint to each end over {mixed.Count} {kind} path(s) (flatter by {source})");

        bool AFlatter(PathResult p) => flatness(ExperimentResults.AlgorithmOf(p.A)) <= flatness(ExperimentResults.AlgorithmOf(p.B));
    }
}
