using Reproduce.Harness.Specs.Yaml;

namespace Reproduce.Harness.Specs;

/// <summary>
/// How the paper's findings (METHOD.md §8) are judged, and which appendix figures to draw. Every tolerance is a spec
/// field, never a constant in code; (R) defaults are ours (specs/README.md).
/// </summary>
/// <param name="ErrorTolerance">Absolute slack, in 0-1 error, for "x ≤ y" between errors, ΔE and barriers (F1, F2, F4-F7, F10, F11).</param>
/// <param name="DistanceTolerance">Relative slack for "d1 &lt; d2" between distances (F8, F9): d1 ≤ d2·(1 + tol).</param>
/// <param name="ZeroBarrier">Largest barrier that counts as (near-)zero (F7).</param>
/// <param name="AlignmentEffect">Largest change of the mean barrier that counts as "alignment changes little" (F10).</param>
/// <param name="MinRankCorrelation">F3 holds when Spearman's ρ(ΔE(σ*), test error) exceeds this.</param>
/// <param name="SigmaStar">σ* at which ΔE is compared (continuous nets; the nearest stored σ is used).</param>
/// <param name="FlipStar">p* at which ΔE is compared (binary nets; the nearest stored p is used).</param>
/// <param name="InvarianceTolerance">I1: largest self-alignment distance that counts as exactly 0 (float rounding).</param>
/// <param name="Appendix">Appendix figure variants to draw besides the main figures: <c>plane-test</c> (Fig. 11: train and test
/// error on each plane), <c>barriers</c> (Fig. 7's barrier bars, for a continuous net).</param>
public sealed record FindingsSpec(double ErrorTolerance, double DistanceTolerance, double ZeroBarrier, double AlignmentEffect,
    double MinRankCorrelation, double SigmaStar, double FlipStar, double InvarianceTolerance, IReadOnlyList<string> Appendix)
{
    /// <summary>Every default.</summary>
    public static FindingsSpec Default { get; } = new(SpecDefaults.FindingsErrorTolerance, SpecDefaults.FindingsDistanceTolerance,
        SpecDefaults.FindingsZeroBarrier, SpecDefaults.FindingsAlignmentEffect, SpecDefaults.FindingsMinRankCorrelation, SpecDefaults.FindingsSigmaStar,
        SpecDefaults.FindingsFlipStar, SpecDefaults.FindingsInvarianceTolerance, []);

    /// <summary>Reads the <c>findings</c> section strictly (unknown keys fail with line and column).</summary>
    public static FindingsSpec Read(MappingReader f)
    {
        var spec = new FindingsSpec(
            ErrorTolerance: f.Number("error_tolerance", SpecDefaults.FindingsErrorTolerance, 0, 1),
            DistanceTolerance: f.Number("distance_tolerance", SpecDefaults.FindingsDistanceTolerance, 0, 10),
            ZeroBarrier: f.Number("zero_barrier", SpecDefaults.FindingsZeroBarrier, 0, 1),
            AlignmentEffect: f.Number("alignment_effect", SpecDefaults.FindingsAlignmentEffect, 0, 1),
            MinRankCorrelation: f.Number("min_rank_correlation", SpecDefaults.FindingsMinRankCorrelation, -1, 1),
            SigmaStar: f.Number("sigma_star", SpecDefaults.FindingsSigmaStar, 0, 10),
            FlipStar: f.Number("flip_star", SpecDefaults.FindingsFlipStar, 0, 1),
            InvarianceTolerance: f.Number("invariance_tolerance", SpecDefaults.FindingsInvarianceTolerance, 0, 1),
            Appendix: ReadAppendix(f.Section("appendix")));
        f.Finish();
        return spec;
    }

    /// <summary>Appendix figure variants, each a true/false switch (off by default).</summary>
    public static readonly IReadOnlyList<string> AppendixFigures = ["plane_test", "barriers"];

    private static IReadOnlyList<string> ReadAppendix(MappingReader a)
    {
        var chosen = AppendixFigures.Where(name => a.Bool(name, false)).Select(name => name.Replace('_', '-')).ToList();
        a.Finish();
        return chosen;
    }
}
