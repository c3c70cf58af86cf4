namespace Reproduce.Harness.Report;

/// <summary>Which findings each figure type supports (the report shows them side by side).</summary>
public static class FigureFindings
{
    private static readonly Dictionary<string, string[]> Supports = new()
    {
        ["local-energy"] = ["F1", "F2", "F3"],
        ["paths"] = ["F4", "F5", "F6"],
        ["optimized-paths"] = ["F7"],
        ["distances"] = ["F8", "F9"],
        ["scaling"] = ["F10"],
        ["barriers"] = ["F11"],
    };

    /// <summary>The findings a figure of type <paramref name="figure"/> supports (none for planes and appendix variants).</summary>
    public static IReadOnlyList<string> Of(string figure) => Supports.TryGetValue(figure, out var ids) ? ids : [];

    /// <summary>
    /// Each figure of <paramref name="figures"/> with the findings placed beside it: a finding goes beside the first figure
    /// that supports it; <c>Others</c> holds the findings no figure supports (I1, or when the figure is not planned).
    /// </summary>
    public static (IReadOnlyList<(FigureEntry Figure, IReadOnlyList<string> Findings)> Beside, IReadOnlyList<string> Others) Place(IReadOnlyList<FigureEntry> figures,
        IEnumerable<string> findingIds)
    {
        var left = findingIds.ToList();
        var beside = new List<(FigureEntry, IReadOnlyList<string>)>();
        foreach (var f in figures)
        {
            var mine = Of(f.Figure).Where(left.Contains).ToList();
            left.RemoveAll(mine.Contains);
            beside.Add((f, mine));
        }
        return (beside, left);
    }
}
