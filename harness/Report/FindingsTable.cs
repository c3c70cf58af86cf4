using System.Text;
using Reproduce.Harness.Findings;

namespace Reproduce.Harness.Report;

/// <summary>The findings of one experiment as a Markdown table: id, claim, verdict, numbers (rounded), tolerance, detail.</summary>
public static class FindingsTable
{
    /// <summary>The table's Markdown text.</summary>
    public static string Markdown(IReadOnlyList<Finding> findings)
    {
        var sb = new StringBuilder();
        sb.Append("| id | finding | verdict | numbers | tolerance | detail |\n");
        sb.Append("|---|---|---|---|---|---|\n");
        foreach (var f in findings)
            sb.Append($"| {f.Id} | {Cell(f.Title)} | **{f.VerdictText}** | {Cell(NumbersText(f))} | {Numbers.Format(f.Tolerance)} | {Cell(f.Detail)} |\n");
        return sb.ToString();
    }

    /// <summary>The numbers of a finding as <c>name = value</c>, separated by semicolons ("—" when none).</summary>
    public static string NumbersText(Finding f) =>
        f.Numbers.Count == 0 ? "—" : string.Join("; ", f.Numbers.Select(kv => $"{kv.Key} = {Numbers.Format(kv.Value)}"));

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
