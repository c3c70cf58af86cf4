using Reproduce.Harness.Specs;
using static Reproduce.Harness.Findings.FlatnessFindings;

namespace Reproduce.Harness.Findings;

/// <summary>
/// F10 (Figs. 6, 18): along a size series of binary HMM experiments (N ascending), on converged solutions only: ΔE(p*) of
/// every algorithm falls as N grows, the flatness ranking RSGD &lt; SGD &lt; ADV (F1's check) is kept at every N, test error
/// correlates with flatness over the series, the random-path barrier falls, and aligning changes it little.
/// </summary>
public static class ScalingFinding
{
    /// <summary>Judges F10 for an experiment of <paramref name="family"/> on its <paramref name="series"/>; the same verdict for every size.</summary>
    public static Finding F10(string family, IReadOnlyList<ScalingPoint> series, FindingsSpec spec, NetworkSymmetry net)
    {
        if (family != "binary-hmm")
            return Finding.NotApplicable("F10", "F10 is about binary networks on the Hidden Manifold Model (the size series of Figs. 6, 18)");
        var points = series.OrderBy(p => p.X).Select(p => (N: p.X, E: Evidence.Of(p.Results))).ToList();
        var inputs = new FindingInputs("local energies", points.Sum(p => p.E.Kept.LocalEnergies.Count), points.Sum(p => p.E.LeftOut.LocalEnergies.Count));
        if (points.Count < 2) return Finding.NotMeasured("F10", inputs, $"needs the experiments of ≥ 2 sizes N in the series, found {points.Count}");
        var star = spec.FlipStar;
        var algos = Ranking.Ordered(points.SelectMany(p => p.E.Kept.Algorithms).Distinct());
        var comparisons = new List<Comparison>();
        var numbers = new List<KeyValuePair<string, double>>();
        var parts = new List<(string Part, Verdict Verdict, string Note)>();

        foreach (var a in algos)
        {
            var sizes = points.Select(p => (p.N, Values: At(p.E.Kept.LocalEnergies, a, star))).Where(s => s.Values.Count >= spec.MinConverged).ToList();
            foreach (var (n, values) in sizes) numbers.Add(Kv($"N={F(n)} ΔE {a}", Ranking.Mean(values)));
            parts.Add(Falls($"ΔE(p={F(star)}) {a}", sizes, spec.ErrorTolerance, spec, comparisons));
        }

        var ranked = points.Select(p => (p.N, F1: FlatnessFindings.F1(p.E, spec, star))).ToList();
        var measured = ranked.Where(r => r.F1.Verdict is not Verdict.NotMeasured).ToList();
        foreach (var (n, f1) in measured) comparisons.AddRange(f1.Comparisons.Select(c => c with { Label = $"N={F(n)} {c.Label}" }));
        parts.Add(measured.Count < 2
            ? ("the flatness ranking", Verdict.NotMeasured, $"the flatness ranking is measured at {measured.Count} size(s), needs 2")
            : ("the flatness ranking", Verdicts.AllOf(measured.Select(r => r.F1.Verdict)), Skipped("the flatness ranking", ranked.Except(measured).Select(r => r.N))));

        var pooled = points.SelectMany(p => FlatnessFindings.Pairs(p.E.Kept, star)).ToList();
        if (pooled.Count < 3) parts.Add(("the correlation", Verdict.NotMeasured, $"test error against flatness needs ≥ 3 converged solutions, found {pooled.Count}"));
        else
        {
            var rho = Ranking.Spearman(pooled.Select(x => x.Energy).ToList(), pooled.Select(x => x.Test).ToList());
            numbers.Add(Kv("spearman rho", rho));
            if (double.IsNaN(rho)) parts.Add(("the correlation", Verdict.Inconclusive, "ΔE(p*) or test error is the same for every converged solution"));
            else
            {
                var c = Compare.Correlation($"ρ(ΔE(p*), test error) over the series > {F(spec.MinRankCorrelation)}", rho, pooled.Count, spec.MinRankCorrelation,
                    spec.SpreadStandardErrors);
                comparisons.Add(c);
                parts.Add(("the correlation", c.Verdict, ""));
            }
        }

        var barriers = points.Select(p => (p.N, Values: p.E.Kept.Paths.Where(x => !x.Optimized && x.Kind == "hamming").Select(x => x.Barrier).ToList()))
            .Where(s => s.Values.Count >= spec.MinConverged).ToList();
        foreach (var (n, values) in barriers) numbers.Add(Kv($"N={F(n)} barrier hamming", Ranking.Mean(values)));
        parts.Add(Falls("random-path barrier", barriers, spec.ErrorTolerance, spec, comparisons));

        if (!net.HiddenUnits) parts.Add(("alignment", Verdict.NotApplicable, "the alignment part is not applicable: no hidden units, so aligned and unaligned Hamming paths are one path"));
        else
        {
            var sizes = points.Select(p => (p.N, Pairs: p.E.Kept.PairTypes(p.E.Kept.Paths.Select(x => x.PairType))
                .SelectMany(t => PathFindings.Matched(p.E.Kept.Paths, t, "hamming", "hamming-aligned")).ToList())).Where(s => s.Pairs.Count > 0).ToList();
            var close = sizes.Select(s => Compare.ClosePaired($"N={F(s.N)} barrier hamming-aligned ≈ hamming", s.Pairs, spec.CloseTolerance, spec.SpreadStandardErrors)).ToList();
            foreach (var (s, c) in sizes.Zip(close)) numbers.Add(Kv($"N={F(s.N)} alignment effect", c.B - c.A));
            comparisons.AddRange(close);
            parts.Add(close.Count == 0 ? ("alignment", Verdict.NotMeasured, "no size has Hamming paths before and after alignment between converged solutions")
                : ("alignment", Verdicts.AllOf(close.Select(c => c.Verdict)), Skipped("alignment", points.Select(p => p.N).Except(sizes.Select(s => s.N)))));
        }

        var verdict = Verdicts.AllOf(parts.Select(p => p.Verdict));
        var notes = parts.Where(p => p.Verdict is Verdict.NotMeasured or Verdict.NotApplicable || p.Note.Length > 0).Select(p => p.Note).Where(n => n.Length > 0);
        return Finding.Judged("F10", verdict, comparisons, numbers, inputs,
            $"{points.Count} sizes N = {string.Join(", ", points.Select(p => F(p.N)))}, converged solutions only; ΔE at p* = {F(star)}; a fall is the largest N below the smallest, no step up",
            string.Join("; ", notes.Distinct()));
    }

    /// <summary>
    /// "Falls as N grows" over sizes ascending: fails if one step up, or the last size against the first, is a resolved rise;
    /// holds if the last is resolved below the first; else inconclusive. Fewer than two sizes: not measured.
    /// </summary>
    private static (string, Verdict, string) Falls(string what, IReadOnlyList<(double N, List<double> Values)> sizes, Func<double, double, double> tolerance,
        FindingsSpec spec, List<Comparison> sink)
    {
        if (sizes.Count < 2) return (what, Verdict.NotMeasured, $"{what}: measured at {sizes.Count} size(s) with converged inputs, needs 2");
        var steps = new List<Comparison>();
        for (var i = 0; i + 1 < sizes.Count; i++)
            steps.Add(Compare.Lower($"{what} N={F(sizes[i + 1].N)} < N={F(sizes[i].N)}", sizes[i + 1].Values, sizes[i].Values, tolerance, spec.SpreadStandardErrors));
        var overall = sizes.Count == 2 ? steps[0]
            : Compare.Lower($"{what} N={F(sizes[^1].N)} < N={F(sizes[0].N)}", sizes[^1].Values, sizes[0].Values, tolerance, spec.SpreadStandardErrors);
        sink.AddRange(steps);
        if (sizes.Count > 2) sink.Add(overall);
        var verdict = steps.Append(overall).Any(c => c.Verdict == Verdict.Fails) ? Verdict.Fails : overall.Verdict;
        return (what, verdict, "");
    }

    private static string Skipped(string part, IEnumerable<double> sizes)
    {
        var list = sizes.ToList();
        return list.Count == 0 ? "" : $"{part} left out at N = {string.Join(", ", list.Select(F))} (too few converged solutions)";
    }
}
