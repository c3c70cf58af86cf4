using Reproduce.Harness.Findings;
using Xunit;
using static Reproduce.Tests.Harness.Findings.Judge;

namespace Reproduce.Tests.Harness.Findings;

/// <summary>
/// F1-F3 give each verdict their numbers imply, with the default tolerances: error floor 0.001, relative 5%, spread 2
/// standard errors, one converged solution per algorithm (specs/README.md).
/// </summary>
public class FlatnessFindingsTests
{
    /// <summary>ΔE(σ) = scale·σ per algorithm; seed 1 is 5% flatter and seed 2 5% sharper than the scale.</summary>
    private static Fabricated Energies(double rsgd, double sgd, double adv, params string[] unconverged)
    {
        var f = Fabricated.ThreeByTwo("mlp:784,20,10", unconverged);
        foreach (var (a, scale) in new[] { ("rsgd", rsgd), ("sgd", sgd), ("adv", adv) })
        foreach (var seed in new[] { 1, 2 })
            f.Energy($"{a}-s{seed}", scale * (seed == 1 ? 0.95 : 1.05));
        return f;
    }

    /// <summary>The same ΔE at every σ &gt; 0 (0 at σ = 0), one value per solution.</summary>
    private static Fabricated Flat(double[] rsgd, double[] sgd, double[] adv)
    {
        var f = Fabricated.ThreeByTwo();
        foreach (var (a, values) in new[] { ("rsgd", rsgd), ("sgd", sgd), ("adv", adv) })
            for (var i = 0; i < 2; i++) f.EnergyAt($"{a}-s{i + 1}", [0, values[i], values[i], values[i]]);
        return f;
    }

    [Fact]
    public void F1HoldsWhenEachStepOfTheRankingIsResolved() => Is(Verdict.Holds, One(Energies(0.1, 0.3, 0.6).Build(), "F1"));

    [Fact]
    public void F1FailsWhenRsgdIsSharperThanSgdBeyondTolerance()
    {
        var f = One(Energies(0.3, 0.1, 0.6).Build(), "F1");
        Is(Verdict.Fails, f);
        Assert.Contains("reversed by", f.Explanation);
        Assert.True(f.Margin < -f.Tolerance!.Value, $"margin {f.Margin}, tolerance {f.Tolerance}");
    }

    [Fact]
    public void F1IsInconclusiveWhenTheDifferencesAreBelowTheErrorFloor()
    {
        // mlp-mnist smoke: ΔE(RSGD) 0.00067 > ΔE(SGD) 0 is a reversal of less than one sample in 1,000: not resolved.
        var f = One(Flat([0.00067, 0.00067], [0, 0], [0.0009, 0.0009]).Build(), "F1");
        Is(Verdict.Inconclusive, f);
        Assert.Contains("unresolved", f.Explanation);
    }

    [Fact]
    public void F1IsInconclusiveWhenTheSolutionsSpreadExceedsTheDifference()
    {
        // rsgd 0.01 and 0.09 (mean 0.05) against sgd 0.06: beyond the tolerance 0.003, within 2 standard errors (0.08).
        var f = One(Flat([0.01, 0.09], [0.06, 0.06], [0.2, 0.2]).Build(), "F1");
        Is(Verdict.Inconclusive, f);
        Assert.Contains("spread", f.Explanation);
        Assert.Equal(0.08, f.Spread!.Value, 9);
    }

    [Fact]
    public void F1IsNotMeasuredWhenAnAlgorithmHasNoConvergedSolution()
    {
        var f = One(Energies(0.1, 0.3, 0.6, "adv-s1", "adv-s2").Build(), "F1");
        Is(Verdict.NotMeasured, f);
        Assert.Contains("adv 0 of 2 local energies", f.Explanation);
        Assert.Equal((4, 2), (f.Inputs.Used, f.Inputs.LeftOut));
    }

    [Fact]
    public void F2HoldsFailsOrIsInconclusiveByTheTestErrors()
    {
        Is(Verdict.Holds, One(Fabricated.ThreeByTwo().Build(), "F2")); // 0.021, 0.022 < 0.031, 0.032 < 0.051, 0.052
        var reversed = new Fabricated().Solution("rsgd", 1, 0.05).Solution("rsgd", 2, 0.051).Solution("sgd", 1, 0.03).Solution("sgd", 2, 0.031)
            .Solution("adv", 1, 0.06).Solution("adv", 2, 0.061).Build();
        Is(Verdict.Fails, One(reversed, "F2"));
        // 0.0300 against 0.0302: within the tolerance 5% × 0.0302 = 0.0015.
        var tie = new Fabricated().Solution("rsgd", 1, 0.0302).Solution("rsgd", 2, 0.0302).Solution("sgd", 1, 0.0300).Solution("sgd", 2, 0.0300)
            .Solution("adv", 1, 0.06).Solution("adv", 2, 0.061).Build();
        Is(Verdict.Inconclusive, One(tie, "F2"));
    }

    [Fact]
    public void F2IsNotMeasuredWhenSgdDidNotConverge()
    {
        var f = One(Fabricated.ThreeByTwo("mlp:784,20,10", "sgd-s1", "sgd-s2").Build(), "F2");
        Is(Verdict.NotMeasured, f);
        Assert.Contains("4 of 6 solutions converged (rsgd 2/2, sgd 0/2, adv 2/2)", f.Explanation);
    }

    /// <summary>Six solutions whose ΔE(σ*) ranks as <paramref name="energyRank"/> (their test errors rank rsgd-s1 &lt; rsgd-s2 &lt; … &lt; adv-s2).</summary>
    private static Fabricated Correlated(int[] energyRank, params string[] unconverged)
    {
        var f = Fabricated.ThreeByTwo("mlp:784,20,10", unconverged);
        var names = new[] { "rsgd-s1", "rsgd-s2", "sgd-s1", "sgd-s2", "adv-s1", "adv-s2" };
        for (var i = 0; i < names.Length; i++) f.Energy(names[i], 0.1 * (1 + energyRank[i]));
        return f;
    }

    [Fact]
    public void F3HoldsFailsOrIsInconclusiveByTheRankCorrelationAgainstItsSpread()
    {
        // n = 6: the spread is 2/√5 = 0.89, so ρ = 1 holds, ρ = −1 fails, ρ = 0.6 is inconclusive.
        var holds = One(Correlated([0, 1, 2, 3, 4, 5]).Build(), "F3");
        Is(Verdict.Holds, holds);
        Assert.Equal(2 / Math.Sqrt(5), holds.Spread!.Value, 12);
        Is(Verdict.Fails, One(Correlated([5, 4, 3, 2, 1, 0]).Build(), "F3"));
        var weak = One(Correlated([2, 1, 0, 4, 5, 3]).Build(), "F3");
        Is(Verdict.Inconclusive, weak);
        Assert.Equal(0.6, weak.Numbers.Single(n => n.Key == "spearman rho").Value, 12);
    }

    [Fact]
    public void F3IsNotMeasuredWithFewerThanThreeConvergedSolutions()
    {
        var f = One(Correlated([0, 1, 2, 3, 4, 5], "rsgd-s1", "rsgd-s2", "sgd-s1", "adv-s2").Build(), "F3");
        Is(Verdict.NotMeasured, f);
        Assert.Contains("found 2", f.Explanation);
    }

    [Fact]
    public void F3IsInconclusiveWhenEveryConvergedSolutionIsEquallyFlat()
    {
        var f = Fabricated.ThreeByTwo();
        foreach (var a in StoredRun.Algorithms) { f.Energy($"{a}-s1", 0.1); f.Energy($"{a}-s2", 0.1); }
        var finding = One(f.Build(), "F3");
        Is(Verdict.Inconclusive, finding);
        Assert.Contains("no ranking", finding.Explanation);
    }
}
