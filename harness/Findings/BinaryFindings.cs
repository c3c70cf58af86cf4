using Reproduce.Harness.Specs;
using static Reproduce.Harness.Findings.FlatnessFindings;

namespace Reproduce.Harness.Findings;

/// <summary>F11 (Fig. 7): deep binary networks.</summary>
public static class BinaryFindings
{
    /// <summary>
    /// F11, per pair type over paths between the same two converged solutions: mean barrier hamming-aligned &lt; hamming, and
    /// optimized aligned (midpoints converged) &lt; hamming-aligned. Both parts are needed.
    /// </summary>
    public static Finding F11(Evidence e, FindingsSpec spec, string family)
    {
        if (family != "binary-deep")
            return Finding.NotApplicable("F11", "F11 is about deep binary networks (binary MLP, binary conv; Fig. 7)");
        bool Of(PathResult p) => p.Kind is "hamming" or "hamming-aligned";
        var inputs = new FindingInputs("paths", e.Kept.Paths.Count(Of), e.LeftOut.Paths.Count(Of));
        var stored = e.Kept.Paths.Concat(e.LeftOut.Paths).Where(Of).ToList();
        if (!stored.Any(p => !p.Optimized && p.Kind == "hamming") || !stored.Any(p => !p.Optimized && p.Kind == "hamming-aligned"))
            return Finding.NotMeasured("F11", inputs, "needs random Hamming paths before and after alignment");
        var comparisons = new List<Comparison>();
        var verdicts = new List<Verdict>();
        var numbers = new List<KeyValuePair<string, double>>();
        var types = e.Kept.PairTypes(stored.Select(p => p.PairType));
        var judged = new List<string>();
        var optimizedStored = stored.Any(p => p.Optimized && p.Kind == "hamming-aligned");
        foreach (var type in types)
        {
            var aligned = PathFindings.Matched(e.Kept.Paths, type, "hamming-aligned", "hamming");
            if (aligned.Count == 0) continue;
            judged.Add(type);
            var c = Compare.LowerPaired($"{type} barrier hamming-aligned < hamming", aligned, spec.ErrorTolerance, spec.SpreadStandardErrors);
            comparisons.Add(c);
            verdicts.Add(c.Verdict);
            numbers.Add(Kv($"{type} hamming", c.B));
            numbers.Add(Kv($"{type} hamming-aligned", c.A));
            var optimized = PathFindings.Matched(e.Kept.Paths, type, "hamming-aligned", "hamming-aligned", optimizedA: true, optimizedB: false);
            if (optimized.Count == 0) { verdicts.Add(Verdict.NotMeasured); continue; }
            var o = Compare.LowerPaired($"{type} barrier optimized < hamming-aligned", optimized, spec.ErrorTolerance, spec.SpreadStandardErrors);
            comparisons.Add(o);
            verdicts.Add(o.Verdict);
            numbers.Add(Kv($"{type} optimized", o.A));
        }
        if (judged.Count == 0) return Finding.NotMeasured("F11", inputs, $"no pair type has Hamming paths between two converged solutions; {e.SolutionCounts(e.Kept.Algorithms)}");
        var notes = new List<string>();
        if (verdicts.Contains(Verdict.NotMeasured))
        {
            var alignedPart = Verdicts.AllOf(comparisons.Where(c => c.Label.EndsWith("< hamming", StringComparison.Ordinal)).Select(c => c.Verdict));
            notes.Add((optimizedStored
                ? $"optimized part not measured: {e.PathCounts(p => p.Optimized && p.Kind == "hamming-aligned", "optimized hamming-aligned paths")}"
                : "optimized part not measured: no optimized hamming-aligned path is stored") + $" (aligned < unaligned {Verdicts.Text(alignedPart)})");
        }
        if (PathFindings.LeftOutTypes(types, judged) is { Length: > 0 } l) notes.Add(l);
        return Finding.Judged("F11", Verdicts.AllOf(verdicts), comparisons, numbers, inputs,
            "mean barrier per pair type over the same pairs: hamming-aligned < hamming and optimized hamming-aligned < hamming-aligned", string.Join("; ", notes));
    }
}
