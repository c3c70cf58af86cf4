using Reproduce.Harness.Findings;
using Xunit;
using static Reproduce.Tests.Harness.Findings.Judge;

namespace Reproduce.Tests.Harness.Findings;

/// <summary>F8 gives each verdict its distances imply (tolerance 5% of the larger mean distance, no floor).</summary>
public class DistanceFindingsTests
{
    private static ExperimentResults Distances(double rsgd, double sgd, double adv, string arch = "mlp:784,20,10", params string[] unconverged)
    {
        var binary = !arch.StartsWith("mlp", StringComparison.Ordinal);
        var f = Fabricated.ThreeByTwo(arch, unconverged);
        foreach (var (a, d) in new[] { ("rsgd", rsgd), ("sgd", sgd), ("adv", adv) })
            f.Distance($"{a}-s1", $"{a}-s2", binary ? 99 : d, binary ? d : null);
        f.Distance("rsgd-s1", "adv-s1", binary ? 99 : 1, binary ? 0.01 : null); // mixed pairs do not enter F8
        return f.Build();
    }

    [Fact]
    public void F8GivesEachVerdictByTheSameAlgorithmDistances()
    {
        Is(Verdict.Holds, One(Distances(5, 7, 9), "F8"));
        Is(Verdict.Fails, One(Distances(9, 7, 5), "F8"));
        Is(Verdict.Inconclusive, One(Distances(7, 7.1, 7.2), "F8")); // steps of 0.1 within 5% × 7.2
        var f = One(Distances(5, 7, 9, "mlp:784,20,10", "sgd-s2"), "F8");
        Is(Verdict.NotMeasured, f);
        Assert.Contains("sgd 0 of 1 geodesic_normalized_aligned same-algorithm distances", f.Explanation);
    }

    [Fact]
    public void F8OfABinaryNetReadsTheAlignedHammingDistance()
    {
        var f = One(Distances(0.2, 0.3, 0.4, "binary-mlp:784,101,101,1"), "F8", "binary-deep", "binary-mlp");
        Is(Verdict.Holds, f);
        Assert.Equal(["rsgd-rsgd hamming_aligned", "sgd-sgd hamming_aligned", "adv-adv hamming_aligned"], f.Numbers.Select(n => n.Key));
    }
}
