using Reproduce.Harness.Findings;
using Reproduce.Harness.Specs;
using Xunit;

namespace Reproduce.Tests.Harness.Findings;

/// <summary>Findings judged on fabricated stored results whose verdicts are known from their numbers (see <see cref="StoredRun"/>).</summary>
public class FindingsEvaluatorTests
{
    private static Dictionary<string, string> Verdicts(IEnumerable<Finding> findings) => findings.ToDictionary(f => f.Id, f => f.VerdictText);

    [Fact]
    public void ToyMlpVerdictsAreTheOnesItsNumbersImply()
    {
        using var run = StoredRun.ToyMlp();
        var findings = FindingsEvaluator.Evaluate(run.Results("toy-mlp"), FindingsSpec.Default, "continuous", []);
        Assert.Equal(["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "I1"], findings.Select(f => f.Id));
        var v = Verdicts(findings);
        foreach (var id in new[] { "F1", "F2", "F3", "F4", "F5", "F6", "F8", "F9", "I1" }) Assert.True(v[id] == "holds", $"{id}: {findings.Single(f => f.Id == id).Detail}");
        Assert.Equal("fails", v["F7"]); // the optimized aligned ADV-ADV barrier is 0.03 > zero_barrier 0.01
        Assert.Equal("not measured", v["F10"]);
        Assert.Equal("not measured", v["F11"]);
    }

    [Fact]
    public void NoStoredResultsMeansNothingIsMeasured()
    {
        var empty = new ExperimentResults("none", ["rsgd", "sgd", "adv"], [], [], [], [], [], []);
        var findings = FindingsEvaluator.Evaluate(empty, FindingsSpec.Default, "continuous", []);
        Assert.All(findings, f => Assert.Equal(Verdict.NotMeasured, f.Verdict));
        Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Detail)));
    }

    [Fact]
    public void SwappingTheFlattestAndSharpestSolutionsBreaksTheFlatnessRanking()
    {
        using var run = StoredRun.ToyMlp();
        var r = run.Results("toy-mlp");
        var swapped = r with
        {
            LocalEnergies = r.LocalEnergies.Select(e => e with { Algorithm = e.Algorithm switch { "rsgd" => "adv", "adv" => "rsgd", var a => a } }).ToList(),
        };
        var f1 = FlatnessFindings.F1(swapped, 0.25, 0.005);
        Assert.Equal(Verdict.Fails, f1.Verdict);
        Assert.True(f1.Numbers.Single(n => n.Key == "worst violation").Value > 0.005);
    }

    [Fact]
    public void TheSpecToleranceDecidesABorderlineRanking()
    {
        // SGD generalizes 0.003 better than RSGD: within a 0.005 tolerance the ranking holds, within 0.001 it fails.
        SolutionResult S(string a, int seed, double test) => new($"{a}-s{seed}", a, seed, 0, test, true, 0, 1, 1, 1);
        var r = new ExperimentResults("x", ["rsgd", "sgd"], [S("rsgd", 1, 0.023), S("sgd", 1, 0.020)], [], [], [], [], []);
        Assert.Equal(Verdict.Holds, FlatnessFindings.F2(r, 0.005).Verdict);
        Assert.Equal(Verdict.Fails, FlatnessFindings.F2(r, 0.001).Verdict);
    }

    [Fact]
    public void BinaryHmmSeriesWhereFlatnessAndBarriersFallHoldsF10()
    {
        using var run = StoredRun.HmmSeries();
        var series = new[] { new ScalingPoint(100, run.Results("cm-hmm-n100")), new ScalingPoint(400, run.Results("cm-hmm-n400")) };
        var f10 = BinaryFindings.F10("binary-hmm", series, 0.05, 0.005, 0.05);
        Assert.True(f10.Verdict == Verdict.Holds, f10.Detail);
        Assert.Equal(Verdict.NotMeasured, BinaryFindings.F10("binary-hmm", series[..1], 0.05, 0.005, 0.05).Verdict);
        var reversed = series.Select(p => p with { X = 500 - p.X }).ToArray(); // larger N now has the larger ΔE and barriers
        Assert.Equal(Verdict.Fails, BinaryFindings.F10("binary-hmm", reversed, 0.05, 0.005, 0.05).Verdict);
    }

    [Fact]
    public void HammingPathsAreJudgedAsBinaryPaths()
    {
        using var run = StoredRun.HmmSeries();
        var findings = Verdicts(FindingsEvaluator.Evaluate(run.Results("cm-hmm-n400"), FindingsSpec.Default, "binary-hmm", []));
        Assert.Equal("holds", findings["F4"]); // hamming-aligned 0.01 below hamming
        Assert.Equal("holds", findings["F5"]);
        Assert.Equal("not measured", findings["F10"]); // no series given
    }

    [Fact]
    public void SpearmanOfAMonotoneMapIsOneAndTiesAverage()
    {
        Assert.Equal(1.0, Ranking.Spearman([1, 2, 3, 4], [10, 20, 30, 1000]), 12);
        Assert.Equal(-1.0, Ranking.Spearman([1, 2, 3], [3, 2, 1]), 12);
        Assert.True(double.IsNaN(Ranking.Spearman([1, 1, 1], [1, 2, 3])));
    }

    [Fact]
    public void FindingsJsonRoundTripsVerdictsAndNumbers()
    {
        using var run = StoredRun.ToyMlp();
        var findings = FindingsEvaluator.Evaluate(run.Results("toy-mlp"), FindingsSpec.Default, "continuous", []);
        var back = FindingsJson.Read(FindingsJson.Write("toy-mlp", findings));
        Assert.Equal(findings.Select(f => (f.Id, f.Verdict, f.Tolerance, f.Detail)), back.Select(f => (f.Id, f.Verdict, f.Tolerance, f.Detail)));
        Assert.Equal(findings.SelectMany(f => f.Numbers), back.SelectMany(f => f.Numbers));
    }
}
