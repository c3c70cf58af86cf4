namespace Reproduce.Harness.Findings;

/// <summary>
/// One comparison behind a finding's verdict, in the unit of the quantity compared. <see cref="Margin"/> is positive when
/// the claim is met: for an order "A &lt; B" it is B − A; for "A stays close to B" it is tolerance − |A − B|; for
/// "A at most B" it is B − A.
/// </summary>
/// <param name="Label">What is compared, e.g. <c>ΔE(σ=0.2) rsgd &lt; sgd</c>.</param>
/// <param name="Claim"><c>lower</c> (A &lt; B), <c>close</c> (|A − B| small) or <c>at most</c> (A ≤ B, B a limit).</param>
/// <param name="A">The left side (a mean over converged inputs).</param>
/// <param name="B">The right side.</param>
/// <param name="Margin">How far the claim is met (negative: by how much it is not).</param>
/// <param name="Tolerance">The tolerance applied, same unit.</param>
/// <param name="Spread">k standard errors of the difference (null when it cannot be estimated: one input per side).</param>
/// <param name="Verdict">holds, inconclusive or fails.</param>
/// <param name="Inputs">How many converged inputs the two sides hold together.</param>
public sealed record Comparison(string Label, string Claim, double A, double B, double Margin, double Tolerance, double? Spread, Verdict Verdict, int Inputs)
{
    /// <summary>The larger of the tolerance and the spread: what a difference must exceed to be read.</summary>
    public double Threshold => Math.Max(Tolerance, Spread ?? 0);

    /// <summary>The margin in units of the threshold (how decisive the comparison is; ±∞ with a zero threshold).</summary>
    public double Strength => Threshold > 0 ? Margin / Threshold : Margin > 0 ? double.PositiveInfinity : Margin < 0 ? double.NegativeInfinity : 0;

    /// <summary>One line for the report: why this comparison does not hold (empty when it holds).</summary>
    public string Why() => Verdict switch
    {
        Verdict.Fails when Claim == "close" => $"{Label}: they differ by {G(Math.Abs(A - B))}, beyond the tolerance {G(Tolerance)}{SpreadText(" and the spread ")}",
        Verdict.Fails when Claim == "at most" => $"{Label}: {G(A)} is above the limit by {G(-Margin)}{SpreadText(" (spread ")}{(Spread is null ? "" : ")")}",
        Verdict.Fails => $"{Label} is reversed by {G(-Margin)} (tolerance {G(Tolerance)}{SpreadText(", spread ")})",
        Verdict.Inconclusive when Claim == "at most" => $"{Label}: {G(A)} is above the limit by {G(-Margin)}, within the spread {G(Spread ?? 0)}",
        Verdict.Inconclusive when Claim == "close" => $"{Label}: they differ by {G(Math.Abs(A - B))}, above the tolerance {G(Tolerance)} but within the spread {G(Spread ?? 0)}",
        Verdict.Inconclusive => $"order unresolved at this size: {Label} {(Margin >= 0 ? $"by only {G(Margin)}" : $"reversed by {G(-Margin)}")}, " +
                                $"within {(Spread > Tolerance ? $"the spread {G(Spread!.Value)}" : $"the tolerance {G(Tolerance)}")}",
        _ => "",
    };

    private string SpreadText(string prefix) => Spread is { } s ? prefix + G(s) : "";

    /// <summary>A number as the explanations write it: 2 significant digits.</summary>
    public static string G(double x) => x.ToString("G2", System.Globalization.CultureInfo.InvariantCulture);
}
