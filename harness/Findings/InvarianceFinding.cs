using Reproduce.Harness.Specs;
using static Reproduce.Harness.Findings.FlatnessFindings;

namespace Reproduce.Harness.Findings;

/// <summary>
/// I1: the symmetry operations are exact: normalization changes no prediction, and a permuted, rescaled (sign-flipped)
/// copy aligns back to distance 0. Exactness is a property of the operations, not of a solution's training, so the checks of
/// unconverged solutions count too (an inexact operation on any network is a bug to show, not to hide).
/// </summary>
public static class InvarianceFinding
{
    /// <summary>Judges the exactness checks stored by canonicalize and align stages; each half only where it can fail on this net.</summary>
    public static Finding I1(ExperimentResults r, FindingsSpec spec, NetworkSymmetry net)
    {
        const string noPrediction = "normalization of a binary net is sign(w)·r, the weights its forward pass already uses, so it cannot change a prediction";
        const string noUnits = "the net has no hidden units, so the scrambled copy is the original";
        if (net.Binary && !net.HiddenUnits) return Finding.NotApplicable("I1", $"{noPrediction}; {noUnits}");
        var changed = net.Binary ? [] : r.Invariances.Where(c => c.PredictionsChanged is not null).ToList();
        var self = net.HiddenUnits ? r.Invariances.Where(c => c.SelfAlignmentDistance is not null).ToList() : [];
        var converged = r.Solutions.Where(s => s.Converged).Select(s => s.Name).ToHashSet();
        var used = changed.Concat(self).Distinct().ToList();
        var inputs = new FindingInputs("checks", used.Count, 0);
        var notes = new List<string>();
        if (net.Binary) notes.Add($"prediction half not applicable: {noPrediction}");
        if (!net.HiddenUnits) notes.Add($"self-alignment half not applicable: {noUnits}");
        if (used.Count == 0)
            return Finding.NotMeasured("I1", inputs, "no canonicalize or align stage stored predictions_changed or self_alignment_distance" +
                (notes.Count > 0 ? "; " + string.Join("; ", notes) : ""));
        var comparisons = new List<Comparison>();
        var numbers = new List<KeyValuePair<string, double>>();
        if (changed.Count > 0)
        {
            var c = Compare.AtMost("predictions changed by normalization = 0", [changed.Sum(x => x.PredictionsChanged!.Value)], 0, 0);
            comparisons.Add(c);
            numbers.Add(Kv("predictions changed", c.A));
        }
        if (self.Count > 0)
        {
            var c = Compare.AtMost($"max self-alignment distance ≤ {spec.InvarianceTolerance:G2}", [self.Max(x => x.SelfAlignmentDistance!.Value)], spec.InvarianceTolerance, 0);
            comparisons.Add(c);
            numbers.Add(Kv("max self-alignment distance", c.A));
        }
        var unconverged = used.Count(c => c.Solution.Length > 0 && !converged.Contains(c.Solution));
        return Finding.Judged("I1", Verdicts.AllOf(comparisons.Select(c => c.Verdict)), comparisons, numbers, inputs,
            $"{changed.Count} normalization check(s), {self.Count} self-alignment check(s)" +
            (unconverged > 0 ? $" ({unconverged} on unconverged solutions: exactness does not depend on training)" : ""),
            string.Join("; ", notes));
    }
}
