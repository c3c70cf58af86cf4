using Reproduce.Harness.Findings;
using Xunit;
using static Reproduce.Tests.Harness.Findings.Judge;

namespace Reproduce.Tests.Harness.Findings;

/// <summary>F4-F6 give each verdict their numbers imply (default tolerances: error floor 0.001, relative 5%, close 50%, spread 2 SE).</summary>
public class PathFindingsTests
{
    /// <summary>One pair per pair type, the flatter algorithm first.</summary>
    public static readonly (string A, string B)[] Pairs =
        [("rsgd-s1", "rsgd-s2"), ("rsgd-s1", "sgd-s1"), ("rsgd-s1", "adv-s1"), ("sgd-s1", "sgd-s2"), ("sgd-s1", "adv-s1"), ("adv-s1", "adv-s2")];

    private static Fabricated Barriers(double linear, double aligned, double geodesic, params string[] unconverged)
    {
        var f = Fabricated.ThreeByTwo("mlp:784,20,10", unconverged);
        foreach (var (a, b) in Pairs)
            f.Path("linear", a, b, linear).Path("linear-aligned", a, b, aligned).Path("geodesic-aligned", a, b, geodesic);
        return f;
    }

    [Fact]
    public void F4HoldsWhenAlignmentLowersBarriersAndTheGeodesicStaysClose() => Is(Verdict.Holds, One(Barriers(0.5, 0.2, 0.22).Build(), "F4"));

    [Fact]
    public void F4DoesNotAskTheGeodesicToBeLowerThanTheAlignedLine()
    {
        // mlp-mnist quick: geodesic-aligned 0.0065 above linear-aligned failed the old F4; the paper only expects them close.
        var f = One(Barriers(0.5, 0.2, 0.2065).Build(), "F4");
        Is(Verdict.Holds, f);
        Assert.Contains(f.Comparisons, c => c.Claim == "close" && c.Verdict == Verdict.Holds);
    }

    [Fact]
    public void F4FailsWhenAlignmentRaisesTheBarrierOrTheGeodesicIsFarFromTheAlignedLine()
    {
        var raised = One(Barriers(0.2, 0.5, 0.5).Build(), "F4");
        Is(Verdict.Fails, raised);
        Assert.Contains("linear-aligned < linear is reversed by 0.3", raised.Explanation);
        var far = One(Barriers(0.5, 0.2, 0.45).Build(), "F4"); // |0.45 − 0.2| = 0.25 > 50% of 0.45
        Is(Verdict.Fails, far);
        Assert.Contains("they differ by 0.25", far.Explanation);
    }

    [Fact]
    public void F4IsInconclusiveWhenAlignmentMovesTheBarrierLessThanTheTolerance() =>
        Is(Verdict.Inconclusive, One(Barriers(0.2005, 0.2, 0.2).Build(), "F4")); // 0.0005 < 5% × 0.2005

    [Fact]
    public void F4IsNotMeasuredWhenNoPairOfConvergedSolutionsHasBothPaths()
    {
        var f = One(Barriers(0.5, 0.2, 0.22, "rsgd-s1", "sgd-s1", "adv-s1").Build(), "F4");
        Is(Verdict.NotMeasured, f);
        Assert.Equal((0, 18), (f.Inputs.Used, f.Inputs.LeftOut));
    }

    [Fact]
    public void F4NamesThePairTypesLeftOutWhenItJudgesTheOthers()
    {
        var f = One(Barriers(0.5, 0.2, 0.22, "adv-s1").Build(), "F4");
        Is(Verdict.Holds, f);
        Assert.Contains("3 of 6 pair types judged", f.Explanation);
        Assert.Contains("rsgd-adv, sgd-adv, adv-adv", f.Explanation);
    }

    [Fact]
    public void F4IsNotApplicableToThePerceptronAndJudgedOnTheCommitteeMachine()
    {
        Fabricated Hamming(string arch)
        {
            var f = Fabricated.ThreeByTwo(arch);
            foreach (var (a, b) in Pairs) f.Path("hamming", a, b, 0.3).Path("hamming-aligned", a, b, 0.3);
            return f;
        }
        // The perceptron has no hidden unit: its aligned Hamming path is its unaligned one, equal by construction.
        var perceptron = One(Hamming("perceptron:100").Build(), "F4", "binary-hmm", "perceptron");
        Is(Verdict.NotApplicable, perceptron);
        Assert.Contains("no hidden units", perceptron.Explanation);
        Is(Verdict.Inconclusive, One(Hamming("committee:100,7").Build(), "F4", "binary-hmm", "committee"));
    }

    [Fact]
    public void ADifferenceBelowOneEvaluatedSampleIsNoOrder()
    {
        // hmm-committee-n3200 smoke: Hamming barriers 0.0017 and 0.0033 on P = 300 patterns (half a pattern apart, averaged over
        // two flip orders). With the error floor 0.001 alone that read as a reversal; one sample in 300 is the resolution.
        ExperimentResults Run(int samples)
        {
            var f = new Fabricated { Arch = "committee:3200,7", Levels = [0, 0.02, 0.05, 0.1], EvalTrainSamples = samples };
            foreach (var a in StoredRun.Algorithms) foreach (var seed in new[] { 1, 2 }) f.Solution(a, seed, 0.1);
            foreach (var (a, b) in Pairs) f.Path("hamming", a, b, 0.0017).Path("hamming-aligned", a, b, 0.0033);
            return f.Build();
        }
        Is(Verdict.Fails, One(Run(0), "F4", "binary-hmm", "committee"));
        var f4 = One(Run(300), "F4", "binary-hmm", "committee");
        Is(Verdict.Inconclusive, f4);
        Assert.Equal(1 / 300.0, f4.Tolerance!.Value, 12);
    }

    private static Fabricated Geodesics(Dictionary<string, double> height, params string[] unconverged)
    {
        var f = Fabricated.ThreeByTwo("mlp:784,20,10", unconverged);
        foreach (var (a, b) in Pairs) f.Path("geodesic-aligned", a, b, height[$"{a.Split("-s")[0]}-{b.Split("-s")[0]}"]);
        return f;
    }

    private static readonly Dictionary<string, double> Ranked = new()
        { ["rsgd-rsgd"] = 0.05, ["rsgd-sgd"] = 0.1, ["rsgd-adv"] = 0.12, ["sgd-sgd"] = 0.1, ["sgd-adv"] = 0.15, ["adv-adv"] = 0.3 };

    [Fact]
    public void F5GivesEachVerdictByTheBarrierRanking()
    {
        Is(Verdict.Holds, One(Geodesics(Ranked).Build(), "F5"));
        Is(Verdict.Fails, One(Geodesics(new(Ranked) { ["rsgd-rsgd"] = 0.4 }).Build(), "F5"));
        Is(Verdict.Inconclusive, One(Geodesics(Ranked.ToDictionary(kv => kv.Key, _ => 0.1)).Build(), "F5"));
        var f = One(Geodesics(Ranked, "adv-s2").Build(), "F5");
        Is(Verdict.NotMeasured, f);
        Assert.Contains("adv-adv 0 of 1 geodesic-aligned paths", f.Explanation);
    }

    /// <summary>Mixed geodesics whose error leans toward B by <paramref name="skew"/>; ΔE scales rsgd 0.1, sgd 0.3, adv 0.6 (A is the flatter end).</summary>
    private static Fabricated Leaning(double skew, int points = 11, double[]? scales = null, params string[] unconverged)
    {
        var f = Fabricated.ThreeByTwo("mlp:784,20,10", unconverged);
        var s = scales ?? [0.1, 0.3, 0.6];
        foreach (var seed in new[] { 1, 2 }) f.Energy($"rsgd-s{seed}", s[0]).Energy($"sgd-s{seed}", s[1]).Energy($"adv-s{seed}", s[2]);
        foreach (var (a, b) in Pairs.Where(p => p.A.Split("-s")[0] != p.B.Split("-s")[0])) f.Path("geodesic-aligned", a, b, 0.2, skew, points);
        return f;
    }

    [Fact]
    public void F6GivesEachVerdictByWhichHalfOfTheInteriorIsLower()
    {
        Is(Verdict.Holds, One(Leaning(1).Build(), "F6"));
        Is(Verdict.Fails, One(Leaning(-1).Build(), "F6"));
        Is(Verdict.Inconclusive, One(Leaning(0).Build(), "F6"));
        var f = One(Leaning(1, unconverged: ["rsgd-s1", "sgd-s1"]).Build(), "F6");
        Is(Verdict.NotMeasured, f);
        Assert.Contains("no geodesic-aligned path joins two converged solutions", f.Explanation);
    }

    [Fact]
    public void F6IsNotApplicableWithoutAnInteriorPointOnEachSide()
    {
        // Three points (lenet smoke): t = 0, 0.5, 1; both endpoints sit at 0 train error and prove nothing.
        var f = One(Leaning(1, points: 3).Build(), "F6");
        Is(Verdict.NotApplicable, f);
        Assert.Contains("no interior point", f.Explanation);
    }

    [Fact]
    public void F6LeavesOutPathsBetweenEquallyFlatSolutions()
    {
        var f = One(Leaning(1, scales: [0.3, 0.3, 0.3]).Build(), "F6");
        Is(Verdict.Inconclusive, f);
        Assert.Contains("differ by less than the tolerance", f.Explanation);
    }
}
