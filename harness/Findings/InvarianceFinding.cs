using static Reproduce.Harness.Findings.FlatnessFindings;

namespace Reproduce.Harness.Findings;

/// <summary>I1: the symmetry operations are exact (normalization changes no prediction; a transformed copy aligns back to 0).</summary>
public static class InvarianceFinding
{
    /// <summary>Judges the exactness checks stored by canonicalize and align stages.</summary>
    public static Finding I1(ExperimentResults r, double tol)
    {
        const string title = "Invariances are exact: normalization changes no prediction; a permuted/rescaled copy aligns back to distance 0";
        if (r.Invariances.Count == 0)
            return Finding.NotMeasured("I1", title, tol,
                "no canonicalize or align stage stored predictions_changed or self_alignment_distance (the unit tests check I1 on every architecture)");
        var changed = r.Invariances.Where(c => c.PredictionsChanged is not null).Select(c => c.PredictionsChanged!.Value).ToList();
        var self = r.Invariances.Where(c => c.SelfAlignmentDistance is not null).Select(c => c.SelfAlignmentDistance!.Value).ToList();
        var numbers = new List<KeyValuePair<string, double>>();
        if (changed.Count > 0) numbers.Add(Kv("predictions changed", changed.Sum()));
        if (self.Count > 0) numbers.Add(Kv("max self-alignment distance", self.Max()));
        var ok = changed.All(c => c == 0) && self.All(d => d <= tol);
        return Finding.Judged("I1", title, ok, numbers, tol,
            $"{changed.Count} normalization check(s), {self.Count} self-alignment check(s)");
    }
}
