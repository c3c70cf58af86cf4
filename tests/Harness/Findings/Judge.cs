using Reproduce.Harness.Findings;
using Reproduce.Harness.Specs;

namespace Reproduce.Tests.Harness.Findings;

/// <summary>One finding judged by <see cref="FindingsEvaluator"/> with the default tolerances (specs/README.md).</summary>
public static class Judge
{
    /// <summary>Finding <paramref name="id"/> of <paramref name="r"/>.</summary>
    public static Finding One(ExperimentResults r, string id, string family = "continuous", string arch = "mlp", IReadOnlyList<ScalingPoint>? series = null,
        FindingsSpec? spec = null) =>
        FindingsEvaluator.Evaluate(r, spec ?? FindingsSpec.Default, family, arch, series ?? []).Single(f => f.Id == id);

    /// <summary>The finding's verdict, with its explanation and comparisons in the failure message.</summary>
    public static void Is(Verdict expected, Finding f) =>
        Xunit.Assert.True(f.Verdict == expected,
            $"{f.Id}: expected {Verdicts.Text(expected)}, got {f.VerdictText}: {f.Explanation} | {f.Detail} | " +
            string.Join("; ", f.Comparisons.Select(c => $"{c.Label}: {c.A:G4} vs {c.B:G4}, margin {c.Margin:G3}, tol {c.Tolerance:G3}, spread {c.Spread:G3} → {Verdicts.Text(c.Verdict)}")));
}
