using Reproduce.Harness.Findings;
using Xunit;
using static Reproduce.Tests.Harness.Findings.Judge;

namespace Reproduce.Tests.Harness.Findings;

/// <summary>F11 and I1 give each verdict they can give.</summary>
public class BinaryFindingsTests
{
    private const string Mlp = "binary-mlp:784,101,101,1";

    private static Fabricated Hamming(double raw, double aligned, double? optimized, bool converged = true, string arch = Mlp, params string[] unconverged)
    {
        var f = Fabricated.ThreeByTwo(arch, unconverged);
        foreach (var (a, b) in PathFindingsTests.Pairs)
        {
            f.Path("hamming", a, b, raw).Path("hamming-aligned", a, b, aligned);
            if (optimized is { } o) f.Optimized("hamming-aligned", a, b, o, converged: converged);
        }
        return f;
    }

    [Fact]
    public void F11GivesEachVerdictByTheAlignedAndOptimizedBarriers()
    {
        Is(Verdict.Holds, One(Hamming(0.4, 0.1, 0.02).Build(), "F11", "binary-deep", "binary-mlp"));
        Is(Verdict.Fails, One(Hamming(0.1, 0.4, 0.02).Build(), "F11", "binary-deep", "binary-mlp"));
        Is(Verdict.Inconclusive, One(Hamming(0.4, 0.1, 0.1).Build(), "F11", "binary-deep", "binary-mlp"));
    }

    [Fact]
    public void F11IsNotMeasuredWhenNoOptimizedMidpointConvergedAndSaysWhatTheAlignedPartShows()
    {
        var f = One(Hamming(0.4, 0.1, 0.02, converged: false).Build(), "F11", "binary-deep", "binary-mlp");
        Is(Verdict.NotMeasured, f);
        Assert.Contains("optimized part not measured", f.Explanation);
        Assert.Contains("aligned < unaligned holds", f.Explanation);
        var none = One(Hamming(0.4, 0.1, null).Build(), "F11", "binary-deep", "binary-mlp");
        Is(Verdict.NotMeasured, none);
        Assert.Contains("no optimized hamming-aligned path is stored", none.Explanation);
    }

    [Fact]
    public void F11AndF10AreNotApplicableOutsideTheirFamilies()
    {
        Is(Verdict.NotApplicable, One(Hamming(0.4, 0.1, 0.02).Build(), "F11", "binary-hmm", "committee"));
        Is(Verdict.NotApplicable, One(Fabricated.ThreeByTwo().Build(), "F10"));
    }

    private static Fabricated Checks(string arch, int changed = 0, double self = 1e-7)
    {
        var f = Fabricated.ThreeByTwo(arch);
        foreach (var a in StoredRun.Algorithms) f.Check($"{a}-s1", changed, self).Check($"{a}-s2");
        return f;
    }

    [Fact]
    public void I1HoldsWhenEveryCheckIsExactAndFailsOtherwise()
    {
        // I1 has no inconclusive verdict: its checks are exact, compared with a float-rounding tolerance and no spread.
        Is(Verdict.Holds, One(Checks("mlp:784,20,10").Build(), "I1"));
        Is(Verdict.Fails, One(Checks("mlp:784,20,10", changed: 1).Build(), "I1"));
        Is(Verdict.Fails, One(Checks("mlp:784,20,10", self: 1e-3).Build(), "I1"));
        Is(Verdict.NotMeasured, One(Fabricated.ThreeByTwo().Build(), "I1"));
    }

    [Fact]
    public void I1JudgesOnlyTheHalvesThatCanFailOnTheNet()
    {
        // Binary: normalization is sign(w)·r, which the forward pass already uses, so a changed prediction would be impossible:
        // the committee machine is judged on self-alignment alone; the perceptron has nothing that can fail.
        var committee = One(Checks("committee:100,7", changed: 3).Build(), "I1", "binary-hmm", "committee");
        Is(Verdict.Holds, committee);
        Assert.Contains("prediction half not applicable", committee.Explanation);
        Assert.DoesNotContain(committee.Numbers, n => n.Key == "predictions changed");
        Is(Verdict.NotApplicable, One(Checks("perceptron:100").Build(), "I1", "binary-hmm", "perceptron"));
    }

    [Fact]
    public void I1CountsTheChecksOfUnconvergedSolutionsBecauseExactnessDoesNotDependOnTraining()
    {
        var f = Fabricated.ThreeByTwo("mlp:784,20,10", "adv-s2");
        foreach (var a in StoredRun.Algorithms) f.Check($"{a}-s1").Check($"{a}-s2");
        f.Check("adv-s2", changed: 2);
        var i1 = One(f.Build(), "I1");
        Is(Verdict.Fails, i1);
        Assert.Contains("on unconverged solutions", i1.Detail);
    }
}
