using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Findings;

/// <summary>
/// Judges every finding of the paper (METHOD.md §8: F1-F11, I1) on one experiment's stored results, with the spec's
/// tolerances. Pure: numbers in, verdicts out. Only converged solutions and midpoints are read as evidence
/// (<see cref="Evidence"/>); a finding with too few of them is "not measured", one that cannot fail on its inputs "not applicable".
/// </summary>
public static class FindingsEvaluator
{
    /// <summary>Experiment families: which findings apply and which path kinds and noise count.</summary>
    public static readonly IReadOnlyList<string> Families = ["continuous", "binary-hmm", "binary-deep"];

    /// <summary>
    /// All twelve findings, in the paper's order. <paramref name="family"/>: continuous, binary-hmm or binary-deep;
    /// <paramref name="arch"/>: the spec's <c>network.arch</c> (used only where no train manifest records the architecture);
    /// <paramref name="series"/>: the size series the experiment belongs to (F10; may be empty).
    /// </summary>
    public static IReadOnlyList<Finding> Evaluate(ExperimentResults r, FindingsSpec spec, string family, string arch, IReadOnlyList<ScalingPoint> series)
    {
        var net = NetworkSymmetry.Of(r, family, arch);
        var binary = net.Binary || family != "continuous";
        var star = binary ? spec.FlipStar : spec.SigmaStar;
        var e = Evidence.Of(r);
        var test = Resolution.Test(spec, e.Kept);
        spec = Resolution.Train(spec, [e.Kept]);
        return
        [
            FlatnessFindings.F1(e, spec, star),
            FlatnessFindings.F2(e, test),
            FlatnessFindings.F3(e, spec, star),
            PathFindings.F4(e, spec, net with { Binary = binary }),
            PathFindings.F5(e, spec, binary),
            PathFindings.F6(e, spec, binary, star),
            MidpointFindings.F7(e, spec, binary),
            DistanceFindings.F8(e, spec, binary),
            MidpointFindings.F9(e, spec, star),
            ScalingFinding.F10(family, series, Resolution.Train(spec, series.Select(p => Evidence.Of(p.Results).Kept)), net),
            BinaryFindings.F11(e, spec, family),
            InvarianceFinding.I1(r, spec, net with { Binary = binary }),
        ];
    }
}
