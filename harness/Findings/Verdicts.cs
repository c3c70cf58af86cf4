namespace Reproduce.Harness.Findings;

/// <summary>The verdicts' written form (findings.json, the report) and how verdicts of several comparisons combine.</summary>
public static class Verdicts
{
    /// <summary>Every verdict in the order the report's legend lists them.</summary>
    public static readonly IReadOnlyList<Verdict> All = [Verdict.Holds, Verdict.Inconclusive, Verdict.Fails, Verdict.NotMeasured, Verdict.NotApplicable];

    /// <summary>holds, inconclusive, fails, not measured, not applicable.</summary>
    public static string Text(Verdict v) => v switch
    {
        Verdict.Holds => "holds",
        Verdict.Inconclusive => "inconclusive",
        Verdict.Fails => "fails",
        Verdict.NotMeasured => "not measured",
        Verdict.NotApplicable => "not applicable",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };

    /// <summary>The inverse of <see cref="Text"/>; an unknown word is an error naming it.</summary>
    public static Verdict Parse(string text)
    {
        foreach (var v in All)
            if (Text(v) == text) return v;
        throw new InvalidDataException($"verdict '{text}': expected one of {string.Join(", ", All.Select(Text))}");
    }

    /// <summary>
    /// The verdict of a claim made of parts that must all hold: fails if one part fails; else not measured if one part could
    /// not be measured; else inconclusive if one is unresolved; else holds if one holds; not applicable when every part is
    /// (or there is none).
    /// </summary>
    public static Verdict AllOf(IEnumerable<Verdict> parts)
    {
        var list = parts.ToList();
        if (list.Contains(Verdict.Fails)) return Verdict.Fails;
        if (list.Contains(Verdict.NotMeasured)) return Verdict.NotMeasured;
        if (list.Contains(Verdict.Inconclusive)) return Verdict.Inconclusive;
        return list.Contains(Verdict.Holds) ? Verdict.Holds : Verdict.NotApplicable;
    }

    /// <summary>
    /// The verdict of one order checked at several levels (F1: every σ &gt; 0): fails if it is reversed at one level; else
    /// holds if it is resolved at one level at least; else inconclusive (at small σ every ΔE is ~0 and no order shows).
    /// </summary>
    public static Verdict AtSomeLevel(IEnumerable<Verdict> levels)
    {
        var list = levels.ToList();
        if (list.Contains(Verdict.Fails)) return Verdict.Fails;
        if (list.Contains(Verdict.Holds)) return Verdict.Holds;
        return list.Contains(Verdict.Inconclusive) ? Verdict.Inconclusive : Verdict.NotMeasured;
    }
}
