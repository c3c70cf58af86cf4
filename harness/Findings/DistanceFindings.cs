using Reproduce.Harness.Specs;
using static Reproduce.Harness.Findings.FlatnessFindings;

namespace Reproduce.Harness.Findings;

/// <summary>F8 (Fig. 5): distances between converged solutions after normalization and alignment.</summary>
public static class DistanceFindings
{
    /// <summary>
    /// F8: mean distance of same-algorithm pairs, d(RSGD,RSGD) &lt; d(SGD,SGD) &lt; d(ADV,ADV), on the normalized-aligned
    /// geodesic distance (binary: the aligned Hamming distance); tolerance relative to the distances (no floor).
    /// </summary>
    public static Finding F8(Evidence e, FindingsSpec spec, bool binary)
    {
        var metric = binary ? "hamming_aligned" : "geodesic_normalized_aligned";
        Func<DistanceResult, double?> pick = binary ? d => d.HammingAligned : d => d.GeodesicNormalizedAligned;
        bool Same(DistanceResult d) => pick(d) is not null && ExperimentResults.AlgorithmOf(d.A) == ExperimentResults.AlgorithmOf(d.B);
        var algos = Ranking.Ordered(e.Kept.Algorithms);
        var inputs = new FindingInputs("distances", e.Kept.Distances.Count(Same), e.LeftOut.Distances.Count(Same));
        List<double> Of(string a) => e.Kept.Distances.Where(d => Same(d) && ExperimentResults.AlgorithmOf(d.A) == a).Select(d => pick(d)!.Value).ToList();
        int LeftOf(string a) => e.LeftOut.Distances.Count(d => Same(d) && ExperimentResults.AlgorithmOf(d.A) == a);
        if (TooFew(e, algos, a => Of(a).Count, LeftOf, $"{metric} same-algorithm distances", spec) is { } why) return Finding.NotMeasured("F8", inputs, why);
        var comparisons = Adjacent(algos).Select(p => Compare.Lower($"{metric} d({p.Lo},{p.Lo}) < d({p.Hi},{p.Hi})", Of(p.Lo), Of(p.Hi), spec.DistanceTolerance,
            spec.SpreadStandardErrors)).ToList();
        return Finding.Judged("F8", Verdicts.AllOf(comparisons.Select(c => c.Verdict)), comparisons,
            algos.Select(a => Kv($"{a}-{a} {metric}", Ranking.Mean(Of(a)))).ToList(), inputs,
            $"mean {metric} over same-algorithm pairs of converged solutions, {string.Join(" < ", algos.Select(a => $"d({a},{a})"))}");
    }
}
