using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Findings;

/// <summary>
/// Judges every finding of the paper (METHOD.md §8: F1-F11, I1) on one experiment's stored results, with the spec's
/// tolerances. Pure: numbers in, verdicts out; a finding whose inputs are missing is "not measured".
/// </summary>
public static class FindingsEvaluator
{
    /// <summary>Experiment families: which findings apply and which path kinds and noise count.</summary>
    public static readonly IReadOnlyList<string> Families = ["continuous", "binary-hmm", "binary-deep"];

    /// <summary>
    /// All twelve findings, in the paper's order. <paramref name="family"/>: continuous, binary-hmm or binary-deep;
    /// <paramref name="series"/>: the size series the experiment belongs to (F10; may be empty).
    /// </summary>
    public static IReadOnlyList<Finding> Evaluate(ExperimentResults r, FindingsSpec spec, string family, IReadOnlyList<ScalingPoint> series)
    {
        var binary = family != "continuous" || r.LocalEnergies.Any(e => e.Noise == "sign-flip") || r.Paths.Any(p => p.Kind.StartsWith("hamming", StringComparison.Ordinal));
        var star = binary ? spec.FlipStar : spec.SigmaStar;
        var tol = spec.ErrorTolerance;
        return
        [
            FlatnessFindings.F1(r, star, tol),
            FlatnessFindings.F2(r, tol),
            FlatnessFindings.F3(r, star, spec.MinRankCorrelation),
            PathFindings.F4(r, binary, tol),
            PathFindings.F5(r, binary, tol),
            PathFindings.F6(r, binary, star, tol),
            PathFindings.F7(r, binary, spec.ZeroBarrier, tol),
            DistanceFindings.F8(r, binary, spec.DistanceTolerance),
            DistanceFindings.F9(r, star, spec.DistanceTolerance),
            BinaryFindings.F10(family, series, spec.FlipStar, tol, spec.AlignmentEffect),
            BinaryFindings.F11(r, family, tol),
            InvarianceFinding.I1(r, spec.InvarianceTolerance),
        ];
    }
}
