using Reproduce.Harness.Findings;
using Reproduce.Harness.Specs;
using Xunit;
using static Reproduce.Tests.Harness.Findings.Judge;

namespace Reproduce.Tests.Harness.Findings;

/// <summary>F10 judged along an HMM size series on converged solutions only, part by part (METHOD.md §8).</summary>
public class ScalingFindingTests
{
    /// <summary>
    /// One size N: ΔE(p) = scale_a·<paramref name="flat"/>·p with scales rsgd 1, sgd 2, adv 3 (seeds ±5%), test error
    /// 0.1·scale_a·flat + 0.002·seed, every pair type's Hamming barrier <paramref name="barrier"/>, aligned 10% lower.
    /// </summary>
    private static ScalingPoint Point(int n, double flat, double barrier, string arch = "committee", params string[] unconverged)
    {
        var f = new Fabricated { Arch = arch == "committee" ? $"committee:{n},7" : $"perceptron:{n}", Levels = [0, 0.02, 0.05, 0.1] };
        var scale = new Dictionary<string, double> { ["rsgd"] = 1, ["sgd"] = 2, ["adv"] = 3 };
        foreach (var a in StoredRun.Algorithms)
        foreach (var seed in new[] { 1, 2 })
        {
            f.Solution(a, seed, 0.1 * scale[a] * flat + 0.002 * seed, !unconverged.Contains($"{a}-s{seed}"));
            f.Energy($"{a}-s{seed}", scale[a] * flat * (seed == 1 ? 0.95 : 1.05));
        }
        foreach (var (a, b) in PathFindingsTests.Pairs) f.Path("hamming", a, b, barrier).Path("hamming-aligned", a, b, 0.9 * barrier);
        return new ScalingPoint(n, f.Build($"hmm-{arch}-n{n}"));
    }

    private static Finding F10(params ScalingPoint[] series) => F10(series, "committee");

    private static Finding F10(ScalingPoint[] series, string arch) =>
        ScalingFinding.F10("binary-hmm", series, FindingsSpec.Default, NetworkSymmetry.Of(series[0].Results, "binary-hmm", arch));

    [Fact]
    public void F10HoldsWhenFlatnessAndBarriersFallWithTheRankingKept()
    {
        var f = F10(Point(200, 1, 0.1), Point(800, 0.5, 0.05), Point(3200, 0.25, 0.025));
        Is(Verdict.Holds, f);
        Assert.Contains(f.Numbers, n => n.Key == "N=3200 ΔE rsgd");
        Assert.Contains(f.Comparisons, c => c.Label.StartsWith("ρ(ΔE(p*), test error)", StringComparison.Ordinal) && c.Verdict == Verdict.Holds);
        Assert.Contains(f.Comparisons, c => c.Label == "N=800 ΔE(p=0.05) rsgd < sgd" && c.Verdict == Verdict.Holds); // F1's check at each N
    }

    [Fact]
    public void F10FailsWhenFlatnessRisesWithN()
    {
        var f = F10(Point(200, 0.25, 0.1), Point(800, 0.5, 0.05), Point(3200, 1, 0.025));
        Is(Verdict.Fails, f);
        Assert.Contains("ΔE(p=0.05)", f.Explanation);
        Assert.Contains("is reversed by", f.Explanation);
    }

    [Fact]
    public void F10FailsWhenTheFlatnessRankingBreaksAtOneSize()
    {
        // At N = 800 RSGD's and ADV's ΔE are swapped; every algorithm's ΔE still falls along N (2 → 1.5 → 0.1 for rsgd).
        var broken = Point(800, 0.5, 0.05);
        var r = broken.Results;
        var swapped = r.LocalEnergies.Select(e => e.Algorithm == "adv" ? e with { Algorithm = "rsgd" } : e.Algorithm == "rsgd" ? e with { Algorithm = "adv" } : e).ToList();
        broken = broken with { Results = r with { LocalEnergies = swapped } };
        var f = F10(Point(200, 2, 0.1), broken, Point(3200, 0.1, 0.025));
        Is(Verdict.Fails, f);
        Assert.StartsWith("N=800 ΔE(p=", f.Explanation);
    }

    [Fact]
    public void F10IsInconclusiveWhenNothingChangesWithN() => Is(Verdict.Inconclusive, F10(Point(200, 0.5, 0.05), Point(800, 0.5, 0.05)));

    [Fact]
    public void F10IsNotMeasuredWhenOnlyOneSizeHasConvergedSolutions()
    {
        string[] all = ["rsgd-s1", "rsgd-s2", "sgd-s1", "sgd-s2", "adv-s1", "adv-s2"];
        var f = F10(Point(200, 1, 0.1), Point(800, 0.5, 0.05, "committee", all), Point(3200, 0.25, 0.025, "committee", all));
        Is(Verdict.NotMeasured, f);
        Assert.Contains("measured at 1 size(s)", f.Explanation);
    }

    [Fact]
    public void AnUnconvergedSizeIsLeftOutAndTheRestOfTheSeriesJudged()
    {
        string[] all = ["rsgd-s1", "rsgd-s2", "sgd-s1", "sgd-s2", "adv-s1", "adv-s2"];
        // N = 100 (under-parameterized: no solution reaches zero train error) with values that would break every part.
        var f = F10(Point(100, 0.1, 0.001, "committee", all), Point(200, 1, 0.1), Point(800, 0.5, 0.05), Point(3200, 0.25, 0.025));
        Is(Verdict.Holds, f);
        Assert.Contains("left out at N = 100", f.Explanation);
        Assert.DoesNotContain(f.Numbers, n => n.Key.StartsWith("N=100 ", StringComparison.Ordinal));
    }

    [Fact]
    public void F10OnThePerceptronSeriesLeavesOutTheAlignmentPartThatCannotFail()
    {
        var f = F10([Point(200, 1, 0.1, "perceptron"), Point(800, 0.5, 0.05, "perceptron")], "perceptron");
        Is(Verdict.Holds, f);
        Assert.Contains("alignment part is not applicable", f.Explanation);
        Assert.DoesNotContain(f.Comparisons, c => c.Label.Contains("hamming-aligned", StringComparison.Ordinal));
    }
}
