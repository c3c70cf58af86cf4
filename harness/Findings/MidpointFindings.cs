using Reproduce.Harness.Specs;
using static Reproduce.Harness.Findings.FlatnessFindings;

namespace Reproduce.Harness.Findings;

/// <summary>F7 and F9 (Figs. 3, 5): optimized single-bend paths, judged only where both ends and the midpoint(s) converged.</summary>
public static class MidpointFindings
{
    /// <summary>
    /// F7, per pair type: the mean barrier of optimized aligned paths is at most <c>zero_barrier</c>, and lower than that of
    /// optimized unaligned paths between the same solutions (paired). Both parts are needed.
    /// </summary>
    public static Finding F7(Evidence e, FindingsSpec spec, bool binary)
    {
        var alignedKinds = binary ? new[] { "hamming-aligned" } : ["linear-aligned", "geodesic-aligned"];
        var raw = binary ? "hamming" : "linear";
        bool Of(PathResult p) => p.Optimized && (alignedKinds.Contains(p.Kind) || p.Kind == raw);
        var inputs = new FindingInputs("optimized paths", e.Kept.Paths.Count(Of), e.LeftOut.Paths.Count(Of));
        var stored = e.Kept.Paths.Concat(e.LeftOut.Paths).Where(Of).ToList();
        if (!stored.Any(p => alignedKinds.Contains(p.Kind)))
            return Finding.NotMeasured("F7", inputs, $"no optimized aligned path is stored (stored optimized kinds: {PathFindings.Kinds(stored)})");
        var kept = e.Kept.Paths.Where(Of).ToList();
        if (!kept.Any(p => alignedKinds.Contains(p.Kind)))
            return Finding.NotMeasured("F7", inputs, e.PathCounts(p => Of(p) && alignedKinds.Contains(p.Kind), "optimized aligned paths"));
        var comparisons = new List<Comparison>();
        var verdicts = new List<Verdict>();
        var numbers = new List<KeyValuePair<string, double>>();
        var types = e.Kept.PairTypes(stored.Select(p => p.PairType));
        var judged = new List<string>();
        var rawMissing = new List<string>();
        foreach (var type in types)
        foreach (var kind in alignedKinds)
        {
            var barriers = kept.Where(p => p.PairType == type && p.Kind == kind).Select(p => p.Barrier).ToList();
            if (barriers.Count == 0) continue;
            if (!judged.Contains(type)) judged.Add(type);
            var zero = Compare.AtMost($"{type} optimized {kind} barrier ≤ {F(spec.ZeroBarrier)}", barriers, spec.ZeroBarrier, spec.SpreadStandardErrors);
            comparisons.Add(zero);
            verdicts.Add(zero.Verdict);
            numbers.Add(Kv($"{type} optimized {kind}", zero.A));
            var pairs = PathFindings.Matched(kept, type, kind, raw, optimizedA: true, optimizedB: true);
            if (pairs.Count == 0)
            {
                rawMissing.Add($"{type} {kind}");
                verdicts.Add(Verdict.NotMeasured);
                continue;
            }
            var lower = Compare.LowerPaired($"{type} optimized {kind} < optimized {raw}", pairs, spec.ErrorTolerance, spec.SpreadStandardErrors);
            comparisons.Add(lower);
            verdicts.Add(lower.Verdict);
            numbers.Add(Kv($"{type} optimized {raw}", lower.B));
        }
        var midpoint = kept.Where(p => p.Midpoint is not null).Select(p => p.Midpoint!.TrainError).DefaultIfEmpty(double.NaN).Max();
        if (double.IsFinite(midpoint)) numbers.Add(Kv("max midpoint train error", midpoint));
        var notes = new List<string>();
        if (rawMissing.Count > 0) notes.Add($"no optimized {raw} path with converged ends and midpoint to compare with for {string.Join(", ", rawMissing)}");
        if (PathFindings.LeftOutTypes(types, judged) is { Length: > 0 } l) notes.Add(l);
        return Finding.Judged("F7", Verdicts.AllOf(verdicts), comparisons, numbers, inputs,
            $"per pair type, mean barrier of optimized aligned paths ≤ {F(spec.ZeroBarrier)} and below optimized {raw} paths between the same solutions ({e.PathCounts(Of, "optimized paths")})",
            string.Join("; ", notes));
    }

    /// <summary>
    /// F9, per mixed pair type: the optimized midpoint M, which starts equidistant from A and B, moves toward the flatter end
    /// (by the endpoints' own ΔE(σ*)): shift = (d(sharper, M) − d(flatter, M)) / (d(A,M) + d(M,B)) exceeds <c>midpoint_shift</c>.
    /// A midpoint that was not trained (M0 already at its threshold) cannot have moved: not applicable.
    /// </summary>
    public static Finding F9(Evidence e, FindingsSpec spec, double star)
    {
        bool Of(PathResult p) => p.Optimized && p.DistanceAM is not null && p.DistanceMB is not null && ExperimentResults.AlgorithmOf(p.A) != ExperimentResults.AlgorithmOf(p.B);
        var stored = e.Kept.Paths.Concat(e.LeftOut.Paths).Where(Of).ToList();
        // One path kind, so one metric: the most symmetry-aware one stored.
        var kind = new[] { "geodesic-aligned", "hamming-aligned", "linear-aligned", "linear", "hamming" }.FirstOrDefault(k => stored.Any(p => p.Kind == k));
        bool OfKind(PathResult p) => Of(p) && p.Kind == kind;
        var inputs = new FindingInputs("optimized paths", e.Kept.Paths.Count(OfKind), e.LeftOut.Paths.Count(OfKind));
        if (kind is null) return Finding.NotMeasured("F9", inputs, "no optimized path between solutions of different algorithms with midpoint distances is stored");
        var kept = e.Kept.Paths.Where(OfKind).ToList();
        if (kept.Count == 0) return Finding.NotMeasured("F9", inputs, e.PathCounts(OfKind, $"optimized {kind} paths"));
        var moved = kept.Where(p => p.Midpoint is not { Untrained: true }).ToList();
        if (moved.Count == 0)
            return Finding.NotApplicable("F9", $"no midpoint was trained: every M0 of the {kept.Count} optimized {kind} path(s) already sat at its train-error threshold, so M lies exactly halfway");
        var flatter = PathFindings.Flatter(e, spec, star);
        var comparisons = new List<Comparison>();
        var numbers = new List<KeyValuePair<string, double>>();
        foreach (var type in e.Kept.PairTypes(moved.Select(p => p.PairType)))
        {
            var shifts = moved.Where(p => p.PairType == type && flatter(p) is not null).Select(p =>
            {
                var (toFlat, toSharp) = flatter(p)!.Value ? (p.DistanceAM!.Value, p.DistanceMB!.Value) : (p.DistanceMB!.Value, p.DistanceAM!.Value);
                return (toSharp - toFlat) / (toFlat + toSharp);
            }).Where(double.IsFinite).ToList();
            if (shifts.Count == 0) continue;
            double? spread = shifts.Count >= 2 ? spec.SpreadStandardErrors * Math.Sqrt(Compare.Variance(shifts) / shifts.Count) : null;
            var c = Compare.Order($"{type} midpoint shift toward the flatter end > 0", 0, Ranking.Mean(shifts), spec.MidpointShift, spread, shifts.Count);
            comparisons.Add(c);
            numbers.Add(Kv($"{type} shift", c.B));
        }
        var notes = new List<string>();
        if (kept.Count > moved.Count) notes.Add($"{kept.Count - moved.Count} untrained midpoint(s) left out (M0 already at the threshold)");
        var noEnergy = moved.Count(p => flatter(p) is null && !PathFindings.HasEnergies(e, p));
        var equal = moved.Count(p => flatter(p) is null) - noEnergy;
        if (noEnergy > 0) notes.Add($"{noEnergy} path(s) left out: no local energies of both ends");
        if (equal > 0) notes.Add($"{equal} path(s) left out: their ends' ΔE differ by less than the tolerance");
        var detail = $"shift = (d(sharper,M) − d(flatter,M)) / (d(A,M) + d(M,B)) over {moved.Count} trained {kind} midpoint(s), flatter by the ends' own ΔE at {F(star)}";
        if (comparisons.Count == 0)
            return equal > 0
                ? Finding.Judged("F9", Verdict.Inconclusive, [], [], inputs, detail, "no optimized path joins solutions of different flatness at this size; " + string.Join("; ", notes))
                : Finding.NotMeasured("F9", inputs, string.Join("; ", notes));
        return Finding.Judged("F9", Verdicts.AllOf(comparisons.Select(c => c.Verdict)), comparisons, numbers, inputs, detail, string.Join("; ", notes));
    }
}
