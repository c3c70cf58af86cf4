using Reproduce.Harness.Specs;
using static Reproduce.Harness.Findings.FlatnessFindings;

namespace Reproduce.Harness.Findings;

/// <summary>F4-F6 (Fig. 2): barriers along paths between converged solutions, before and after removing the symmetries.</summary>
public static class PathFindings
{
    /// <summary>
    /// F4, per pair type over paths between the same two converged solutions: mean barrier linear-aligned &lt; linear
    /// (binary: hamming-aligned &lt; hamming), and geodesic-aligned stays close to linear-aligned (the paper expects no large
    /// variation; it does not claim lower). Not applicable to a net without hidden units: there is nothing to permute.
    /// </summary>
    public static Finding F4(Evidence e, FindingsSpec spec, NetworkSymmetry net)
    {
        if (!net.HiddenUnits)
            return Finding.NotApplicable("F4", "the net has no hidden units to permute (binary perceptron): the aligned path is the unaligned one");
        var (raw, aligned) = net.Binary ? ("hamming", "hamming-aligned") : ("linear", "linear-aligned");
        var kinds = net.Binary ? new[] { raw, aligned } : [raw, aligned, "geodesic-aligned"];
        bool Of(PathResult p) => !p.Optimized && kinds.Contains(p.Kind);
        var inputs = new FindingInputs("paths", e.Kept.Paths.Count(Of), e.LeftOut.Paths.Count(Of));
        var stored = e.Kept.Paths.Concat(e.LeftOut.Paths).Where(Of).ToList();
        if (!stored.Any(p => p.Kind == raw) || !stored.Any(p => p.Kind == aligned))
            return Finding.NotMeasured("F4", inputs, $"needs {aligned} and {raw} paths; stored: {Kinds(stored)}");
        var comparisons = new List<Comparison>();
        var verdicts = new List<Verdict>();
        var numbers = new List<KeyValuePair<string, double>>();
        var judged = new List<string>();
        foreach (var type in e.Kept.PairTypes(stored.Select(p => p.PairType)))
        {
            var low = Matched(e.Kept.Paths, type, aligned, raw);
            if (low.Count == 0) continue;
            judged.Add(type);
            var ofType = new List<Comparison> { Compare.LowerPaired($"{type} barrier {aligned} < {raw}", low, spec.ErrorTolerance, spec.SpreadStandardErrors) };
            numbers.Add(Kv($"{type} {raw}", ofType[0].B));
            numbers.Add(Kv($"{type} {aligned}", ofType[0].A));
            var close = Matched(e.Kept.Paths, type, aligned, "geodesic-aligned");
            if (!net.Binary && close.Count > 0)
            {
                ofType.Add(Compare.ClosePaired($"{type} barrier geodesic-aligned ≈ {aligned}", close, spec.CloseTolerance, spec.SpreadStandardErrors));
                numbers.Add(Kv($"{type} geodesic-aligned", ofType[1].B));
            }
            comparisons.AddRange(ofType);
            verdicts.Add(Verdicts.AllOf(ofType.Select(c => c.Verdict)));
        }
        var types = e.Kept.PairTypes(stored.Select(p => p.PairType));
        if (judged.Count == 0) return Finding.NotMeasured("F4", inputs, $"no pair type has {aligned} and {raw} paths between two converged solutions; {e.SolutionCounts(e.Kept.Algorithms)}");
        return Finding.Judged("F4", Verdicts.AllOf(verdicts), comparisons, numbers, inputs,
            $"mean barrier per pair type over the same pairs: {aligned} < {raw}" +
            (net.Binary ? "" : $", geodesic-aligned within max({F(spec.ZeroBarrier)}, {Pct(spec.CloseRelative)} of the larger) of {aligned}"),
            LeftOutTypes(types, judged));
    }

    /// <summary>F5: on aligned geodesics (binary: aligned Hamming paths) the flattest same-type pair has the lowest mean barrier, the sharpest the highest.</summary>
    public static Finding F5(Evidence e, FindingsSpec spec, bool binary)
    {
        var kind = binary ? "hamming-aligned" : "geodesic-aligned";
        bool Of(PathResult p) => !p.Optimized && p.Kind == kind;
        var inputs = new FindingInputs("paths", e.Kept.Paths.Count(Of), e.LeftOut.Paths.Count(Of));
        var algos = Ranking.Ordered(e.Kept.Algorithms);
        if (algos.Count < 2) return Finding.NotMeasured("F5", inputs, $"a ranking needs two of rsgd, sgd, adv; the experiment trains {string.Join(", ", e.Kept.Algorithms)}");
        var (flat, sharp) = ($"{algos[0]}-{algos[0]}", $"{algos[^1]}-{algos[^1]}");
        var kept = e.Kept.Paths.Where(Of).ToList();
        List<double> Barriers(string type) => kept.Where(p => p.PairType == type).Select(p => p.Barrier).ToList();
        int LeftOf(string type) => e.LeftOut.Paths.Count(p => Of(p) && p.PairType == type);
        if (TooFew(e, [flat, sharp], t => Barriers(t).Count, LeftOf, $"{kind} paths", spec) is { } why) return Finding.NotMeasured("F5", inputs, why);
        var types = e.Kept.PairTypes(kept.Select(p => p.PairType).Concat(e.LeftOut.Paths.Where(Of).Select(p => p.PairType)));
        var judged = types.Where(t => Barriers(t).Count >= spec.MinConverged).ToList();
        var comparisons = new List<Comparison>();
        foreach (var t in judged.Where(t => t != flat))
            comparisons.Add(Compare.Lower($"{kind} barrier {flat} < {t}", Barriers(flat), Barriers(t), spec.ErrorTolerance, spec.SpreadStandardErrors));
        foreach (var t in judged.Where(t => t != flat && t != sharp))
            comparisons.Add(Compare.Lower($"{kind} barrier {t} < {sharp}", Barriers(t), Barriers(sharp), spec.ErrorTolerance, spec.SpreadStandardErrors));
        var numbers = judged.Select(t => Kv(t, Ranking.Mean(Barriers(t)))).ToList();
        return Finding.Judged("F5", Verdicts.AllOf(comparisons.Select(c => c.Verdict)), comparisons, numbers, inputs,
            $"mean {kind} barrier per pair type: {flat} below every other type, {sharp} above every other type", LeftOutTypes(types, judged));
    }

    /// <summary>
    /// F6: along aligned geodesics (binary: aligned Hamming paths) between two converged solutions whose ΔE(σ*) differ beyond
    /// the tolerance, the mean train error of the interior points on the flatter half is lower than on the sharper half (paired
    /// per path). Endpoints and the midpoint t = 0.5 are left out; a path without an interior point on each side cannot show it.
    /// </summary>
    public static Finding F6(Evidence e, FindingsSpec spec, bool binary, double star)
    {
        var kind = binary ? "hamming-aligned" : "geodesic-aligned";
        bool Of(PathResult p) => !p.Optimized && p.Kind == kind && ExperimentResults.AlgorithmOf(p.A) != ExperimentResults.AlgorithmOf(p.B);
        var inputs = new FindingInputs("paths", e.Kept.Paths.Count(Of), e.LeftOut.Paths.Count(Of));
        var stored = e.Kept.Paths.Concat(e.LeftOut.Paths).Where(Of).ToList();
        if (stored.Count == 0) return Finding.NotMeasured("F6", inputs, $"no {kind} path between solutions of different algorithms is stored");
        if (!stored.Any(HasInterior))
            return Finding.NotApplicable("F6", $"the {kind} paths have {stored.Max(p => p.T.Count)} points: no interior point on each side of t = 0.5, so only endpoints could be compared");
        var kept = e.Kept.Paths.Where(p => Of(p) && HasInterior(p)).ToList();
        if (kept.Count == 0) return Finding.NotMeasured("F6", inputs, $"no {kind} path joins two converged solutions; {e.SolutionCounts(e.Kept.Algorithms)}");
        var flatter = Flatter(e, spec, star);
        var sides = kept.Select(p => (Path: p, AFlatter: flatter(p))).ToList();
        var comparisons = new List<Comparison>();
        var numbers = new List<KeyValuePair<string, double>>();
        var types = e.Kept.PairTypes(kept.Select(p => p.PairType));
        foreach (var type in types)
        {
            var pairs = sides.Where(s => s.Path.PairType == type && s.AFlatter is not null).Select(s =>
            {
                var first = Side(s.Path, t => t > 0 && t < 0.5);
                var second = Side(s.Path, t => t > 0.5 && t < 1);
                return s.AFlatter!.Value ? (first, second) : (second, first);
            }).ToList();
            if (pairs.Count == 0) continue;
            var c = Compare.LowerPaired($"{type} interior error flatter half < sharper half", pairs, spec.ErrorTolerance, spec.SpreadStandardErrors);
            comparisons.Add(c);
            numbers.Add(Kv($"{type} flatter half − sharper half", c.A - c.B));
        }
        var noEnergy = sides.Count(s => s.AFlatter is null && !HasEnergies(e, s.Path));
        var equal = sides.Count(s => s.AFlatter is null) - noEnergy;
        var left = new List<string>();
        if (noEnergy > 0) left.Add($"{noEnergy} path(s) without local energies of both ends");
        if (equal > 0) left.Add($"{equal} path(s) between solutions whose ΔE({Level(e.Kept)}*) differ by less than the tolerance");
        var note = left.Count == 0 ? "" : "left out: " + string.Join(", ", left);
        if (comparisons.Count == 0)
            return noEnergy > 0 && equal == 0
                ? Finding.NotMeasured("F6", inputs, $"needs the local energies of both ends of each path; {note}")
                : Finding.Judged("F6", Verdict.Inconclusive, [], [], inputs, $"{kind} paths between solutions of different flatness",
                    $"no path joins solutions of different flatness at this size; {note}");
        return Finding.Judged("F6", Verdicts.AllOf(comparisons.Select(c => c.Verdict)), comparisons, numbers, inputs,
            $"mean train error of the interior points of each {kind} path on the half next to the flatter end (by the endpoints' own ΔE({Level(e.Kept)}* = {F(star)})) against the other half",
            note);
    }

    /// <summary>
    /// Which end of a path is flatter, by its two solutions' own ΔE at the level nearest <paramref name="star"/>: true when A,
    /// false when B, null when either has no converged local energy or the two differ by less than the error tolerance.
    /// </summary>
    public static Func<PathResult, bool?> Flatter(Evidence e, FindingsSpec spec, double star)
    {
        var energy = e.Kept.LocalEnergies.GroupBy(x => x.Solution).ToDictionary(g => g.Key, g => g.First().At(star));
        return p =>
        {
            if (!energy.TryGetValue(p.A, out var a) || !energy.TryGetValue(p.B, out var b)) return null;
            if (Math.Abs(a - b) <= spec.ErrorTolerance(a, b)) return null;
            return a < b;
        };
    }

    /// <summary>Mean barrier of the paths of one pair type and kind (NaN when none).</summary>
    public static double MeanBarrier(IEnumerable<PathResult> paths, string pairType, string kind) =>
        Ranking.Mean(paths.Where(p => p.PairType == pairType && p.Kind == kind).Select(p => p.Barrier));

    /// <summary>(barrier of kind <paramref name="a"/>, barrier of kind <paramref name="b"/>) for each pair of solutions of a type that has both.</summary>
    public static List<(double A, double B)> Matched(IEnumerable<PathResult> paths, string type, string a, string b, bool optimizedA = false, bool optimizedB = false)
    {
        var list = paths.Where(p => p.PairType == type).ToList();
        return list.Where(p => p.Kind == a && p.Optimized == optimizedA)
            .Select(p => (p.Barrier, Other: list.FirstOrDefault(q => q.Kind == b && q.Optimized == optimizedB && q.A == p.A && q.B == p.B)))
            .Where(x => x.Other is not null).Select(x => (x.Barrier, x.Other!.Barrier)).ToList();
    }

    /// <summary>"left out (no converged path): rsgd-adv, sgd-adv" for the pair types not judged ("" when none).</summary>
    public static string LeftOutTypes(IReadOnlyList<string> types, IReadOnlyList<string> judged)
    {
        var left = types.Except(judged).ToList();
        return left.Count == 0 ? "" : $"{judged.Count} of {types.Count} pair types judged; left out (no path between two converged solutions): {string.Join(", ", left)}";
    }

    /// <summary>The stored kinds of <paramref name="paths"/>, or "none".</summary>
    public static string Kinds(IEnumerable<PathResult> paths)
    {
        var kinds = paths.Select(p => p.Kind).Distinct().Order(StringComparer.Ordinal).ToList();
        return kinds.Count == 0 ? "none" : string.Join(", ", kinds);
    }

    private static bool HasInterior(PathResult p) => p.T.Any(t => t > 0 && t < 0.5) && p.T.Any(t => t > 0.5 && t < 1);

    /// <summary>Whether both ends of <paramref name="p"/> have a converged local energy.</summary>
    public static bool HasEnergies(Evidence e, PathResult p) =>
        e.Kept.LocalEnergies.Any(x => x.Solution == p.A) && e.Kept.LocalEnergies.Any(x => x.Solution == p.B);

    private static double Side(PathResult p, Func<double, bool> inSide) =>
        Ranking.Mean(p.T.Select((t, i) => (t, e: p.TrainError[i])).Where(x => inSide(x.t)).Select(x => x.e));

    private static string Pct(double x) => $"{100 * x:0.#}%";
}
