using System.Text;
using Reproduce.Harness.Findings;

namespace Reproduce.Harness.Report;

/// <summary>The findings of one experiment as a Markdown table: id, figure, verdict, why, margin/tolerance/spread and inputs, numbers.</summary>
public static class FindingsTable
{
    /// <summary>The table's Markdown text.</summary>
    public static string Markdown(IReadOnlyList<Finding> findings)
    {
        var sb = new StringBuilder();
        sb.Append("| id | paper | verdict | why | margin, tolerance, inputs | numbers |\n");
        sb.Append("|---|---|---|---|---|---|\n");
        foreach (var f in findings)
            sb.Append($"| {f.Id} | {FindingCatalog.Figure(f.Id)} | **{f.VerdictText}** | {Cell(f.Explanation.Length > 0 ? f.Explanation : "—")} | {Cell(MarginText(f))} | {Cell(NumbersText(f))} |\n");
        return sb.ToString();
    }

    /// <summary>The numbers of a finding as <c>name = value</c>, separated by semicolons ("—" when none).</summary>
    public static string NumbersText(Finding f) =>
        f.Numbers.Count == 0 ? "—" : string.Join("; ", f.Numbers.Select(kv => $"{kv.Key} = {Numbers.Format(kv.Value)}"));

    /// <summary>"decided by “…”: margin 0.012, tolerance 0.0023, spread 0.004; 9 of 12 paths used" (the parts that apply).</summary>
    public static string MarginText(Finding f)
    {
        var parts = new List<string>();
        if (f.Decisive.Length > 0) parts.Add($"decided by “{f.Decisive}”:");
        if (f.Margin is { } m) parts.Add($"margin {Numbers.Format(m)}");
        if (f.Tolerance is { } t) parts.Add($"tolerance {Numbers.Format(t)}");
        if (f.Spread is { } s) parts.Add($"spread {Numbers.Format(s)}");
        var inputs = f.Inputs.Used + f.Inputs.LeftOut > 0 ? $"{f.Inputs} used" + (f.Inputs.LeftOut > 0 ? $" ({f.Inputs.LeftOut} unconverged left out)" : "") : "no inputs";
        return parts.Count == 0 ? inputs : $"{string.Join(", ", parts).Replace(":,", ":")}; {inputs}";
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
