namespace Reproduce.Harness.Findings;

/// <summary>One finding of the paper (METHOD.md §8) judged on one experiment's stored results.</summary>
/// <param name="Id">F1 … F11, I1.</param>
/// <param name="Title">What the paper claims.</param>
/// <param name="Verdict">holds, fails or not measured.</param>
/// <param name="Numbers">The numbers behind the verdict, by name, in the order they are reported.</param>
/// <param name="Tolerance">The tolerance applied (null when none applies).</param>
/// <param name="Detail">One sentence: what was compared, or why it was not measured.</param>
public sealed record Finding(string Id, string Title, Verdict Verdict, IReadOnlyList<KeyValuePair<string, double>> Numbers, double? Tolerance,
    string Detail)
{
    /// <summary>The verdict as written in findings.json and the report.</summary>
    public string VerdictText => Verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.Fails => "fails",
        _ => "not measured",
    };

    /// <summary>A finding whose inputs are missing.</summary>
    public static Finding NotMeasured(string id, string title, double? tolerance, string why) => new(id, title, Verdict.NotMeasured, [], tolerance, why);

    /// <summary>Holds when <paramref name="ok"/>, else fails.</summary>
    public static Finding Judged(string id, string title, bool ok, IReadOnlyList<KeyValuePair<string, double>> numbers, double? tolerance, string detail) =>
        new(id, title, ok ? Verdict.Holds : Verdict.Fails, numbers, tolerance, detail);
}
