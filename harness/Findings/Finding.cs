namespace Reproduce.Harness.Findings;

/// <summary>One finding of the paper (METHOD.md §8) judged on one experiment's converged stored results.</summary>
/// <param name="Id">F1 … F11, I1.</param>
/// <param name="Verdict">holds, inconclusive, fails, not measured or not applicable.</param>
/// <param name="Numbers">The numbers behind the verdict, by name, in the order they are reported.</param>
/// <param name="Comparisons">Every comparison judged, each with its margin, tolerance and spread.</param>
/// <param name="Decisive">The label of the comparison that decides the verdict: for "holds" the weakest, for "fails" the most
/// reversed, for "inconclusive" the least resolved (relative to its threshold); "" when none was made.</param>
/// <param name="Margin">The decisive comparison's margin (positive: the claim is met by that much); null when none was made.</param>
/// <param name="Tolerance">The decisive comparison's tolerance, same unit.</param>
/// <param name="Spread">The decisive comparison's spread (k standard errors; null when not estimable).</param>
/// <param name="Inputs">Converged inputs used and unconverged ones left out.</param>
/// <param name="Detail">One sentence: what was compared.</param>
/// <param name="Explanation">One line for a verdict that is not a plain "holds": why (unconverged inputs with counts, order
/// unresolved at this size, reversed by how much, why the check cannot fail); "" for a plain "holds".</param>
public sealed record Finding(string Id, Verdict Verdict, IReadOnlyList<KeyValuePair<string, double>> Numbers, IReadOnlyList<Comparison> Comparisons,
    string Decisive, double? Margin, double? Tolerance, double? Spread, FindingInputs Inputs, string Detail, string Explanation)
{
    /// <summary>What the paper claims (<see cref="FindingCatalog"/>).</summary>
    public string Title => FindingCatalog.Title(Id);

    /// <summary>The verdict as written in findings.json and the report.</summary>
    public string VerdictText => Verdicts.Text(Verdict);

    /// <summary>A finding whose inputs are missing or too few; <paramref name="why"/> says which, with the counts.</summary>
    public static Finding NotMeasured(string id, FindingInputs inputs, string why, IReadOnlyList<KeyValuePair<string, double>>? numbers = null,
        IReadOnlyList<Comparison>? comparisons = null) =>
        new(id, Verdict.NotMeasured, numbers ?? [], comparisons ?? [], "", null, null, null, inputs, why, why);

    /// <summary>A check that cannot fail on these inputs; <paramref name="why"/> says why.</summary>
    public static Finding NotApplicable(string id, string why) =>
        new(id, Verdict.NotApplicable, [], [], "", null, null, null, FindingInputs.None("inputs"), why, why);

    /// <summary>
    /// A finding judged from its comparisons with <paramref name="verdict"/>. The decisive comparison (the weakest among those
    /// of <paramref name="decisive"/>, default every comparison, that carry the finding's verdict) gives margin, tolerance,
    /// spread and the explanation; <paramref name="note"/> is added to it (e.g. pair types left out).
    /// </summary>
    public static Finding Judged(string id, Verdict verdict, IReadOnlyList<Comparison> comparisons, IReadOnlyList<KeyValuePair<string, double>> numbers,
        FindingInputs inputs, string detail, string note = "", IReadOnlyList<Comparison>? decisive = null)
    {
        var d = (decisive ?? comparisons).Where(c => c.Verdict == verdict).MinBy(c => c.Strength);
        var why = verdict == Verdict.Holds ? "" : d?.Why() ?? "";
        var explanation = string.Join("; ", new[] { why, note }.Where(s => s.Length > 0));
        return new Finding(id, verdict, numbers, comparisons, d?.Label ?? "", d?.Margin, d?.Tolerance, d?.Spread, inputs, detail, explanation);
    }
}
