using Reproduce.Harness.Findings;
using Reproduce.Harness.Specs;
using Xunit;

namespace Reproduce.Tests.Harness.Findings;

/// <summary>Findings judged on fabricated stage caches read back through <see cref="StoredResults"/> (see <see cref="StoredRun"/>).</summary>
public class FindingsEvaluatorTests
{
    private static IReadOnlyList<Finding> Evaluate(StoredRun run, string experiment = "toy-mlp", string family = "continuous", string arch = "mlp") =>
        FindingsEvaluator.Evaluate(run.Results(experiment), FindingsSpec.Default, family, arch, []);

    [Fact]
    public void ToyMlpVerdictsAreTheOnesItsNumbersImply()
    {
        using var run = StoredRun.ToyMlp();
        var findings = Evaluate(run);
        Assert.Equal(FindingCatalog.Ids, findings.Select(f => f.Id));
        var v = findings.ToDictionary(f => f.Id);
        foreach (var id in new[] { "F1", "F2", "F3", "F4", "F5", "F6", "F8", "F9", "I1" }) Judge.Is(Verdict.Holds, v[id]);
        Judge.Is(Verdict.Fails, v["F7"]); // the optimized aligned ADV-ADV barrier is 0.03 > zero_barrier 0.01
        Judge.Is(Verdict.NotApplicable, v["F10"]);
        Judge.Is(Verdict.NotApplicable, v["F11"]);
    }

    [Fact]
    public void NoStoredResultsMeansNothingIsMeasuredAndEachSaysWhy()
    {
        var empty = new ExperimentResults("none", ["rsgd", "sgd", "adv"], [], [], [], [], [], []);
        var findings = FindingsEvaluator.Evaluate(empty, FindingsSpec.Default, "continuous", "mlp", []);
        Assert.All(findings.Where(f => f.Id is not ("F10" or "F11")), f => Assert.Equal(Verdict.NotMeasured, f.Verdict));
        Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Explanation), f.Id));
    }

    [Fact]
    public void StoredResultsReadConvergenceFromTheManifestsAndNeverAssumeAMidpointConverged()
    {
        using var run = StoredRun.ToyMlp(polluted: true);
        var r = run.Results("toy-mlp");
        Assert.Equal(3, r.Solutions.Count(s => !s.Converged));
        var optimized = r.Paths.Where(p => p.Optimized).ToList();
        Assert.Contains(optimized, p => p.Midpoint is { Converged: false, StartTrainError: 0.3 });
        // The manifest without midpoint_converged (an older stage version) reads as not converged.
        Assert.Equal(4, optimized.Count(p => p.Kind == "linear-aligned"));
        Assert.All(optimized.Where(p => p.Kind == "linear-aligned"), p => Assert.False(p.Midpoint!.Converged));
        Assert.All(optimized.Where(p => p.Kind == "linear-aligned"), p => Assert.False(p.Midpoint!.Recorded));
        Assert.All(optimized.Where(p => p.Kind == "geodesic-aligned"), p => Assert.True(p.Midpoint!.Recorded));
        Assert.All(r.Solutions, s => Assert.Equal("mlp:784,20,10", s.Arch));
    }

    [Fact]
    public void UnconvergedStagesInTheCacheChangeNoVerdictNorNumber()
    {
        using var clean = StoredRun.ToyMlp();
        using var polluted = StoredRun.ToyMlp(polluted: true);
        var a = Evaluate(clean);
        var b = Evaluate(polluted);
        foreach (var (x, y) in a.Zip(b))
        {
            Assert.Equal(x.Verdict, y.Verdict);
            Assert.Equal(x.Numbers, y.Numbers);
            Assert.Equal(x.Comparisons, y.Comparisons);
        }
        foreach (var id in new[] { "F1", "F2", "F4", "F5", "F6", "F7", "F8", "F9" })
            Assert.True(b.Single(f => f.Id == id).Inputs.LeftOut > 0, $"{id} left nothing out");
    }

    [Fact]
    public void HammingPathsAreJudgedAsBinaryPaths()
    {
        using var run = StoredRun.HmmSeries();
        var findings = Evaluate(run, "cm-hmm-n400", "binary-hmm", "committee").ToDictionary(f => f.Id);
        Assert.Contains(findings["F4"].Comparisons, c => c.Label.Contains("hamming-aligned < hamming", StringComparison.Ordinal));
        Judge.Is(Verdict.Holds, findings["F5"]);
        Judge.Is(Verdict.NotMeasured, findings["F10"]); // no series given
    }

    [Fact]
    public void SpearmanOfAMonotoneMapIsOneAndTiesAverage()
    {
        Assert.Equal(1.0, Ranking.Spearman([1, 2, 3, 4], [10, 20, 30, 1000]), 12);
        Assert.Equal(-1.0, Ranking.Spearman([1, 2, 3], [3, 2, 1]), 12);
        Assert.True(double.IsNaN(Ranking.Spearman([1, 1, 1], [1, 2, 3])));
    }

    [Fact]
    public void FindingsJsonRoundTripsEveryField()
    {
        using var run = StoredRun.ToyMlp(polluted: true);
        var findings = Evaluate(run);
        var back = FindingsJson.Read(FindingsJson.Write("toy-mlp", findings));
        Assert.Equal(findings.Select(f => (f.Id, f.Verdict, f.Decisive, f.Margin, f.Tolerance, f.Spread, f.Inputs, f.Detail, f.Explanation)),
            back.Select(f => (f.Id, f.Verdict, f.Decisive, f.Margin, f.Tolerance, f.Spread, f.Inputs, f.Detail, f.Explanation)));
        Assert.Equal(findings.SelectMany(f => f.Numbers), back.SelectMany(f => f.Numbers));
        Assert.Equal(findings.SelectMany(f => f.Comparisons), back.SelectMany(f => f.Comparisons));
    }

    [Fact]
    public void AnOlderFindingsJsonIsAClearError()
    {
        const string old = """{"experiment": "x", "findings": [{"id": "F1", "title": "t", "verdict": "holds", "numbers": {}, "tolerance": 0.005, "detail": "d"}]}""";
        var e = Assert.Throws<InvalidDataException>(() => FindingsJson.Read(old));
        Assert.Contains("findings[0]: field 'inputs' is missing", e.Message);
    }
}
