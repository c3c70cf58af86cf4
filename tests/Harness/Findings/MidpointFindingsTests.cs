using Reproduce.Harness.Findings;
using Xunit;
using static Reproduce.Tests.Harness.Findings.Judge;

namespace Reproduce.Tests.Harness.Findings;

/// <summary>F7 and F9 give each verdict their numbers imply; only midpoints that reached their threshold are read.</summary>
public class MidpointFindingsTests
{
    private static Fabricated Optimized(double aligned, double raw, bool converged = true)
    {
        var f = Fabricated.ThreeByTwo();
        foreach (var (a, b) in PathFindingsTests.Pairs)
            f.Optimized("geodesic-aligned", a, b, aligned, converged: converged).Optimized("linear-aligned", a, b, aligned, converged: converged)
                .Optimized("linear", a, b, raw, converged: converged);
        return f;
    }

    [Fact]
    public void F7HoldsWithNearZeroAlignedBarriersBelowTheUnalignedOnes() => Is(Verdict.Holds, One(Optimized(0.002, 0.1).Build(), "F7"));

    [Fact]
    public void F7FailsWhenAlignedOptimizedBarriersAreAboveTheZeroBarrier()
    {
        var f = One(Optimized(0.05, 0.1).Build(), "F7");
        Is(Verdict.Fails, f);
        Assert.Contains("≤ 0.01", f.Explanation);
    }

    [Fact]
    public void F7IsInconclusiveWhenAlignedAndUnalignedOptimizedBarriersAreBothNearZero() =>
        Is(Verdict.Inconclusive, One(Optimized(0.002, 0.0025).Build(), "F7")); // 0.0005 below the error floor 0.001

    [Fact]
    public void F7IsNotMeasuredWhenNoMidpointReachedItsThreshold()
    {
        var f = One(Optimized(0.002, 0.1, converged: false).Build(), "F7");
        Is(Verdict.NotMeasured, f);
        Assert.Contains("0 of 12 optimized aligned paths used (12 whose midpoint did not reach its threshold left out)", f.Explanation);
    }

    [Fact]
    public void F7SaysWhenTheMidpointsConvergenceIsNotRecordedAndLeavesThemOut()
    {
        var f = Fabricated.ThreeByTwo();
        foreach (var (a, b) in PathFindingsTests.Pairs)
            f.Optimized("geodesic-aligned", a, b, 0.002, withMidpoint: false).Optimized("linear", a, b, 0.1, withMidpoint: false);
        var f7 = One(f.Build(), "F7");
        Is(Verdict.NotMeasured, f7);
        Assert.Contains("6 whose manifest does not record midpoint_converged", f7.Explanation);
    }

    /// <summary>Optimized geodesics between the mixed pairs, A the flatter end (ΔE scales rsgd 0.1, sgd 0.3, adv 0.6).</summary>
    private static Fabricated Midpoints(double dAm, double dMb, bool converged = true, bool trained = true)
    {
        var f = Fabricated.ThreeByTwo();
        foreach (var seed in new[] { 1, 2 }) f.Energy($"rsgd-s{seed}", 0.1).Energy($"sgd-s{seed}", 0.3).Energy($"adv-s{seed}", 0.6);
        foreach (var (a, b) in PathFindingsTests.Pairs.Where(p => p.A.Split("-s")[0] != p.B.Split("-s")[0]))
            f.Optimized("geodesic-aligned", a, b, 0.002, dAm, dMb, converged, trained);
        return f;
    }

    [Fact]
    public void F9GivesEachVerdictByHowFarTheMidpointMovedTowardTheFlatterEnd()
    {
        var holds = One(Midpoints(8, 12).Build(), "F9"); // shift (12 − 8) / 20 = 0.2 > 0.02
        Is(Verdict.Holds, holds);
        Assert.Equal(0.2, holds.Numbers.First().Value, 12);
        Is(Verdict.Fails, One(Midpoints(12, 8).Build(), "F9"));
        Is(Verdict.Inconclusive, One(Midpoints(9.9, 10.1).Build(), "F9")); // shift 0.01 < midpoint_shift 0.02
        var unconverged = One(Midpoints(8, 12, converged: false).Build(), "F9");
        Is(Verdict.NotMeasured, unconverged);
        Assert.Contains("whose midpoint did not reach its threshold", unconverged.Explanation);
    }

    [Fact]
    public void F9IsNotApplicableWhenNoMidpointWasTrained()
    {
        // binary-mlp-fashion smoke: M0 already at threshold, d(A,M) = d(M,B) = 0.22 by construction; the old F9 said "holds".
        var f = One(Midpoints(0.22, 0.22, trained: false).Build(), "F9");
        Is(Verdict.NotApplicable, f);
        Assert.Contains("no midpoint was trained", f.Explanation);
    }
}
