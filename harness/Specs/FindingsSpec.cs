using System.Text.Json.Nodes;
using Reproduce.Harness.Specs.Yaml;

namespace Reproduce.Harness.Specs;

/// <summary>
/// How the paper's findings (METHOD.md §8, "How a verdict is given") are judged, and which appendix figures to draw. Every
/// tolerance is a spec field with its unit, never a constant in code (specs/README.md, "Findings and tolerances").
/// A claimed order a &lt; b between two means holds when b − a exceeds max(tolerance, spread), fails when a − b does, and
/// is inconclusive in between; the tolerance scales with the quantities compared, the spread with the solutions' scatter.
/// </summary>
/// <param name="ErrorFloor">0-1 error: the smallest tolerance on errors, ΔE and barriers (the resolution below which no order is read).</param>
/// <param name="RelativeTolerance">Fraction: the tolerance of a comparison is this times the larger magnitude of the two means
/// (errors, ΔE and barriers: at least <paramref name="ErrorFloor"/>; distances: no floor, their unit depends on the metric).</param>
/// <param name="SpreadStandardErrors">k: a difference within k standard errors of the difference of the two means is inconclusive
/// (F3: k standard errors of ρ under no correlation, 1/√(n−1)).</param>
/// <param name="MinConverged">Converged inputs each group needs (an algorithm's solutions, a pair type's paths); fewer: not measured.</param>
/// <param name="CloseRelative">Fraction: "stays close" / "changes little" (F4 geodesic-aligned vs linear-aligned, F10 alignment):
/// |a − b| ≤ max(<paramref name="ZeroBarrier"/>, this × max(|a|, |b|)): two barriers closer than what counts as a near-zero barrier are close.</param>
/// <param name="ZeroBarrier">0-1 error: the largest mean barrier that counts as (near-)zero (F7).</param>
/// <param name="MidpointShift">Fraction of the bent path's length d(A,M) + d(M,B): the smallest move of an optimized midpoint
/// toward the flatter end that F9 reads as a move (it starts equidistant).</param>
/// <param name="MinRankCorrelation">F3 (and F10's correlation) claims Spearman's ρ(ΔE(σ*), test error) above this.</param>
/// <param name="SigmaStar">σ* at which ΔE is compared (continuous nets; the nearest stored σ is used).</param>
/// <param name="FlipStar">p* at which ΔE is compared (binary nets; the nearest stored p is used).</param>
/// <param name="InvarianceTolerance">I1: largest self-alignment distance that counts as exactly 0 (float rounding).</param>
/// <param name="SizeLabel">Why the experiment's solutions are not expected to reach zero train error, if they are not: below the
/// interpolation threshold (<c>underparameterized</c>, e.g. HMM N &lt; P) or beyond the reach of SGD-type training
/// (<c>beyond_sgd</c>: zero-error solutions exist, SGD does not find them); the report labels it so.</param>
/// <param name="Appendix">Appendix figure variants to draw besides the main figures: <c>plane-test</c> (Fig. 11: train and test
/// error on each plane), <c>barriers</c> (Fig. 7's barrier bars, for a continuous net).</param>
public sealed record FindingsSpec(double ErrorFloor, double RelativeTolerance, double SpreadStandardErrors, int MinConverged, double CloseRelative,
    double ZeroBarrier, double MidpointShift, double MinRankCorrelation, double SigmaStar, double FlipStar, double InvarianceTolerance,
    SizeLabel SizeLabel, IReadOnlyList<string> Appendix)
{
    /// <summary>Every default.</summary>
    public static FindingsSpec Default { get; } = new(SpecDefaults.FindingsErrorFloor, SpecDefaults.FindingsRelativeTolerance,
        SpecDefaults.FindingsSpreadStandardErrors, SpecDefaults.FindingsMinConverged, SpecDefaults.FindingsCloseRelative, SpecDefaults.FindingsZeroBarrier,
        SpecDefaults.FindingsMidpointShift, SpecDefaults.FindingsMinRankCorrelation, SpecDefaults.FindingsSigmaStar, SpecDefaults.FindingsFlipStar,
        SpecDefaults.FindingsInvarianceTolerance, SizeLabel.None, []);

    /// <summary>Below the interpolation threshold (<c>findings.underparameterized</c>).</summary>
    public bool Underparameterized => SizeLabel == SizeLabel.Underparameterized;

    /// <summary>Zero-error solutions exist, but SGD-type training does not find them at this size (<c>findings.beyond_sgd</c>).</summary>
    public bool BeyondSgd => SizeLabel == SizeLabel.BeyondSgd;

    /// <summary>Tolerance of an order between two 0-1 errors (ΔE, barriers) with means a, b: max(floor, relative·max(|a|, |b|)).</summary>
    public double ErrorTolerance(double a, double b) => Math.Max(ErrorFloor, RelativeTolerance * Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>Tolerance of an order between two distances with means a, b: relative·max(|a|, |b|).</summary>
    public double DistanceTolerance(double a, double b) => RelativeTolerance * Math.Max(Math.Abs(a), Math.Abs(b));

    /// <summary>
    /// Tolerance of "barrier a stays close to barrier b": max(zero_barrier, close_relative·max(|a|, |b|)); two barriers that
    /// differ by less than a barrier counted as (near-)zero are close.
    /// </summary>
    public double CloseTolerance(double a, double b) => Math.Max(ZeroBarrier, CloseRelative * Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>Reads the <c>findings</c> section strictly (unknown keys fail with line and column).</summary>
    public static FindingsSpec Read(MappingReader f)
    {
        var spec = new FindingsSpec(
            ErrorFloor: f.Number("error_floor", SpecDefaults.FindingsErrorFloor, 0, 1),
            RelativeTolerance: f.Number("relative_tolerance", SpecDefaults.FindingsRelativeTolerance, 0, 10),
            SpreadStandardErrors: f.Number("spread_standard_errors", SpecDefaults.FindingsSpreadStandardErrors, 0, 10),
            MinConverged: f.Int("min_converged", SpecDefaults.FindingsMinConverged, 1, 1000),
            CloseRelative: f.Number("close_relative", SpecDefaults.FindingsCloseRelative, 0, 10),
            ZeroBarrier: f.Number("zero_barrier", SpecDefaults.FindingsZeroBarrier, 0, 1),
            MidpointShift: f.Number("midpoint_shift", SpecDefaults.FindingsMidpointShift, 0, 1),
            MinRankCorrelation: f.Number("min_rank_correlation", SpecDefaults.FindingsMinRankCorrelation, -1, 1),
            SigmaStar: f.Number("sigma_star", SpecDefaults.FindingsSigmaStar, 0, 10),
            FlipStar: f.Number("flip_star", SpecDefaults.FindingsFlipStar, 0, 1),
            InvarianceTolerance: f.Number("invariance_tolerance", SpecDefaults.FindingsInvarianceTolerance, 0, 1),
            SizeLabel: ReadSizeLabel(f),
            Appendix: ReadAppendix(f.Section("appendix")));
        f.Finish();
        return spec;
    }

    /// <summary>The judging fields as the findings stage's canonical settings (the appendix, which only plans figures, is left out).</summary>
    public JsonObject ToJson() => new()
    {
        ["error_floor"] = ErrorFloor,
        ["relative_tolerance"] = RelativeTolerance,
        ["spread_standard_errors"] = SpreadStandardErrors,
        ["min_converged"] = MinConverged,
        ["close_relative"] = CloseRelative,
        ["zero_barrier"] = ZeroBarrier,
        ["midpoint_shift"] = MidpointShift,
        ["min_rank_correlation"] = MinRankCorrelation,
        ["sigma_star"] = SigmaStar,
        ["flip_star"] = FlipStar,
        ["invariance_tolerance"] = InvarianceTolerance,
        ["underparameterized"] = Underparameterized,
        ["beyond_sgd"] = BeyondSgd,
    };

    /// <summary>The inverse of <see cref="ToJson"/>; a missing field is an error naming it.</summary>
    public static FindingsSpec FromJson(JsonObject o)
    {
        JsonNode Get(string k) => o[k] ?? throw new InvalidDataException($"findings settings: field '{k}' is missing");
        double D(string k) => (double)Get(k);
        return new FindingsSpec(D("error_floor"), D("relative_tolerance"), D("spread_standard_errors"), (int)Get("min_converged"), D("close_relative"),
            D("zero_barrier"), D("midpoint_shift"), D("min_rank_correlation"), D("sigma_star"), D("flip_star"), D("invariance_tolerance"),
            Label((bool)Get("underparameterized"), (bool)Get("beyond_sgd")) ?? throw new InvalidDataException(
                "findings settings: 'underparameterized' and 'beyond_sgd' are both true; they exclude each other"), []);
    }

    /// <summary>Appendix figure variants, each a true/false switch (off by default).</summary>
    public static readonly IReadOnlyList<string> AppendixFigures = ["plane_test", "barriers"];

    /// <summary>
    /// <c>underparameterized</c> and <c>beyond_sgd</c> (size fields a profile may set) as one label; both true is refused at
    /// <c>beyond_sgd</c>: no zero-error solution exists below the threshold, so none can be beyond SGD's reach.
    /// </summary>
    private static SizeLabel ReadSizeLabel(MappingReader f)
    {
        var under = f.Bool("underparameterized", false, size: true);
        var beyond = f.Bool("beyond_sgd", false, size: true);
        return Label(under, beyond) ?? throw f.ErrorAt("beyond_sgd",
            "'beyond_sgd: true' and 'underparameterized: true' exclude each other (below the interpolation threshold no zero-error " +
            "solution exists for SGD to miss); set one of them");
    }

    private static SizeLabel? Label(bool underparameterized, bool beyondSgd) => (underparameterized, beyondSgd) switch
    {
        (true, true) => null,
        (true, false) => SizeLabel.Underparameterized,
        (false, true) => SizeLabel.BeyondSgd,
        _ => SizeLabel.None,
    };

    private static IReadOnlyList<string> ReadAppendix(MappingReader a)
    {
        var chosen = AppendixFigures.Where(name => a.Bool(name, false)).Select(name => name.Replace('_', '-')).ToList();
        a.Finish();
        return chosen;
    }
}
