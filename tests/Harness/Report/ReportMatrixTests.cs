using System.Text.RegularExpressions;
using Reproduce.Harness.Findings;
using Reproduce.Harness.Report;
using Reproduce.Harness.Specs;
using Reproduce.Tests.Harness.Findings;
using Xunit;

namespace Reproduce.Tests.Harness.Report;

/// <summary>The report's first screen: the findings matrix in the paper's order, colored cells linking to their numbers, one line per non-hold.</summary>
public class ReportMatrixTests
{
    private static ExperimentReport Experiment(string name, string arch, string dataset, int n = 0, int hidden = 500, string? skipped = null, SizeLabel size = SizeLabel.None,
        int converged = 6, Verdict verdict = Verdict.Holds)
    {
        var spec = StoredRun.Spec(name, arch, dataset, n, hidden, [1, 2]);
        spec = spec with { Findings = spec.Findings with { SizeLabel = size } };
        var solutions = Enumerable.Range(0, 6).Select(i => new SolutionResult($"s{i}", "sgd", i, 0, 0.1, i < converged, 0, 1, 1, 1)).ToList();
        var findings = FindingCatalog.Ids.Select(id => id == "F2" ? Finding.NotMeasured(id, FindingInputs.None("solutions"), "0 of 6 solutions converged")
            : id == "F4" ? Judged(id, verdict) : Judged(id, Verdict.Holds)).ToList();
        return new ExperimentReport(spec, null, solutions, findings, "from a test", [], skipped, 1, 4);
    }

    private static Finding Judged(string id, Verdict v)
    {
        var c = v == Verdict.Fails ? Compare.Order("linear-aligned < linear", 0.5, 0.2, 0.025, null, 2) : Compare.Order("linear-aligned < linear", 0.2, 0.5, 0.025, null, 2);
        return Finding.Judged(id, v, [c], [], new FindingInputs("paths", 2, 0), "fabricated");
    }

    /// <summary>The experiments of the quick profile, shuffled, two of them skipped, N = 100 under-parameterized.</summary>
    private static RunReport Shuffled() => new("quick",
    [
        Experiment("binary-conv-cifar10", "binary-conv", "cifar10", skipped: "CIFAR-10 cannot be had here (no verified copy)"),
        Experiment("hmm-committee-n800", "committee", "hmm", n: 800, hidden: 7),
        Experiment("binary-mlp-parity-w401", "binary-mlp", "mnist-parity", hidden: 401),
        Experiment("mlp-fashion", "mlp", "fashion-mnist", verdict: Verdict.Fails),
        Experiment("hmm-perceptron-n100", "perceptron", "hmm", n: 100, size: SizeLabel.Underparameterized, converged: 0),
        Experiment("mlp-cifar10", "mlp", "cifar10", skipped: "CIFAR-10 cannot be had here"),
        Experiment("binary-mlp-fashion", "binary-mlp", "fashion-mnist", hidden: 501),
        Experiment("lenet-mnist", "lenet", "mnist", hidden: 128),
        Experiment("hmm-committee-n200", "committee", "hmm", n: 200, hidden: 7),
        Experiment("mlp-mnist", "mlp", "mnist", verdict: Verdict.Inconclusive),
        Experiment("binary-mlp-parity-w101", "binary-mlp", "mnist-parity", hidden: 101),
        Experiment("hmm-perceptron-n800", "perceptron", "hmm", n: 800),
    ], [], []);

    [Fact]
    public void ColumnsFollowThePapersOrderAndLeaveSkippedExperimentsToOneLine()
    {
        var report = Shuffled();
        Assert.Equal(["mlp-mnist", "mlp-fashion", "lenet-mnist", "hmm-perceptron-n100", "hmm-perceptron-n800", "hmm-committee-n200", "hmm-committee-n800",
            "binary-mlp-parity-w101", "binary-mlp-parity-w401", "binary-mlp-fashion"], FindingsMatrix.Columns(report).Select(c => c.Experiment.Spec.Name));
        Assert.Equal([("MLP", 2), ("LeNet", 1), ("HMM perceptron", 2), ("HMM committee", 2), ("binary MLP, parity", 2), ("binary MLP", 1)],
            FindingsMatrix.Groups(FindingsMatrix.Columns(report)));
        var html = ReportHtml.Write(report);
        Assert.Contains("Not run here: mlp-cifar10, binary-conv-cifar10: CIFAR-10 cannot be had here (<a href=\"#skipped\">details</a>).", html);
        Assert.Contains("<li id=\"binary-conv-cifar10\"><b>binary-conv-cifar10</b>: CIFAR-10 cannot be had here (no verified copy)</li>", html);
        var matrix = html[..html.IndexOf("<section", StringComparison.Ordinal)];
        Assert.DoesNotContain("cifar10", matrix.Replace("Not run here: mlp-cifar10, binary-conv-cifar10", ""));
    }

    [Fact]
    public void ExperimentsWithNothingStoredYetAreNamedInOneLineNotShownAsColumns()
    {
        var pending = Experiment("lenet-fashion", "lenet", "fashion-mnist", hidden: 128) with { Solutions = [] };
        var report = new RunReport("smoke", [Experiment("mlp-mnist", "mlp", "mnist"), pending], [], []);
        Assert.Equal(["mlp-mnist"], FindingsMatrix.Columns(report).Select(c => c.Experiment.Spec.Name));
        Assert.Contains("No solution stored yet: lenet-fashion (their stages have not run", ReportHtml.Write(report));
    }

    [Fact]
    public void MidpointsWhoseConvergenceIsNotRecordedAreNotShownAsFailed()
    {
        var e = Experiment("mlp-mnist", "mlp", "mnist") with { MidpointsConverged = 0, Midpoints = 18, MidpointsUnrecorded = 18 };
        var html = ReportHtml.Write(new RunReport("smoke", [e], [], []));
        Assert.Contains("<td class=\"\" title=\"18 optimized paths do not record whether their midpoint converged (an older stage)\">?/18</td>", html);
        Assert.Contains("(18 optimized paths do not record whether their midpoint converged: an older stage, left out)", e.ConvergenceText);
        Assert.Equal("0/4", (Experiment("x", "mlp", "mnist") with { MidpointsConverged = 0 }).MidpointCell);
    }

    [Fact]
    public void RowsAreTheFindingsInThePapersOrderWithTheirFigures()
    {
        var html = ReportHtml.Write(Shuffled());
        var rows = Regex.Matches(html, "<tr><th class=\"row\" title=\"[^\"]*\">(F\\d+|I1) [^<]*</th><td class=\"fig\">([^<]*)</td>").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal(FindingCatalog.Ids, rows.Select(r => r.Item1));
        Assert.Equal(("F10", "Figs. 6, 18"), rows[9]);
        Assert.Equal(("F7", "Fig. 3"), rows[6]);
    }

    [Fact]
    public void EachCellIsColoredByItsVerdictAndLinksToItsNumbersWithTheReason()
    {
        var html = ReportHtml.Write(Shuffled());
        Assert.Contains("<td class=\"cell fails\"><a href=\"#mlp-fashion-F4\" title=\"mlp-fashion F4: fails — linear-aligned &lt; linear is reversed by 0.3 (tolerance 0.025)\">✗</a></td>", html);
        Assert.Contains("<td class=\"cell inconclusive\"><a href=\"#mlp-mnist-F4\"", html);
        Assert.Contains("<td class=\"cell holds\"><a href=\"#lenet-mnist-F4\" title=\"lenet-mnist F4: holds\">✓</a></td>", html);
        // Every cell's anchor exists once, in its experiment's section, with the one-line reason of a non-hold beside the verdict.
        foreach (Match m in Regex.Matches(html, "href=\"#([a-z0-9-]+-(F\\d+|I1))\""))
            Assert.Single(Regex.Matches(html, $"id=\"{m.Groups[1].Value}\""));
        Assert.Contains("<div class=\"why\">linear-aligned &lt; linear is reversed by 0.3 (tolerance 0.025)</div>", html);
        Assert.Contains(".fails{background:#ffd8d3", html);
    }

    [Fact]
    public void UnderparameterizedSizesAreLabelledAsSuchNotOnlyAsUnconverged()
    {
        var report = Shuffled();
        var html = ReportHtml.Write(report);
        Assert.Contains("<th class=\"col under\" title=\"hmm-perceptron-n100 (under-parameterized)\">", html);
        Assert.Contains("under-parameterized (below the interpolation threshold, findings.underparameterized): 0 of 6 solutions converged", html);
        Assert.Contains("<td class=\"none\">0/6</td>", html);
        Assert.DoesNotContain("No solution stored yet", html);
        var md = ReportMarkdown.Write(report);
        Assert.Contains("HMM perceptron N=100*", md);
        Assert.Contains("Under-parameterized (below the interpolation threshold", md);
    }

    [Fact]
    public void SizesBeyondSgdsReachAreLabelledDistinctlyFromUnderparameterizedOnes()
    {
        // hmm-perceptron-n400: zero-error solutions exist (SBPI, simulated annealing), SGD-type training does not find them.
        var report = new RunReport("quick",
        [
            Experiment("hmm-perceptron-n200", "perceptron", "hmm", n: 200, size: SizeLabel.Underparameterized, converged: 0),
            Experiment("hmm-perceptron-n400", "perceptron", "hmm", n: 400, size: SizeLabel.BeyondSgd, converged: 0),
            Experiment("hmm-perceptron-n800", "perceptron", "hmm", n: 800),
        ], [], []);
        Assert.Equal([SizeLabel.Underparameterized, SizeLabel.BeyondSgd, SizeLabel.None], FindingsMatrix.Columns(report).Select(c => c.SizeLabel));
        var html = ReportHtml.Write(report);
        Assert.Contains("<th class=\"col under\" title=\"hmm-perceptron-n200 (under-parameterized)\">", html);
        Assert.Contains("<th class=\"col beyond\" title=\"hmm-perceptron-n400 (beyond SGD&#39;s reach)\">", html);
        Assert.Contains("<th class=\"col\" title=\"hmm-perceptron-n800\">", html);
        Assert.Contains("th.beyond{background:", html);
        Assert.Contains("Shaded columns (hmm-perceptron-n200) are under-parameterized: below the interpolation threshold", html);
        Assert.Contains("Blue-shaded columns (hmm-perceptron-n400) are beyond SGD&#39;s reach: zero-error solutions exist at this size, " +
                        "but the paper&#39;s SGD-type training does not find them within its budget", html);
        // The cell's reason (matrix tooltip and the finding in the experiment's section) and the experiment's own line.
        var cause = "beyond SGD&#39;s reach (zero-error solutions exist; SGD-type training does not find them at this size, findings.beyond_sgd): " +
                    "0 of 6 solutions converged";
        Assert.Contains($"title=\"hmm-perceptron-n400 F2: not measured — {cause}\"", html);
        Assert.Contains($"<div class=\"why\">{cause}</div>", html);
        Assert.Contains("under-parameterized (below the interpolation threshold, findings.underparameterized): 0 of 6 solutions converged", html);
        Assert.Contains("<b>Beyond SGD&#39;s reach</b>: zero-error solutions exist; SGD-type training does not find them at this size " +
                        "(<code>findings.beyond_sgd</code>), its solutions are not expected to converge.", html);
        Assert.Contains(" <b>Under-parameterized</b>: below the interpolation threshold (<code>findings.underparameterized</code>), " +
                        "its solutions are not expected to reach zero train error.", html);
        // A held verdict keeps its own reason: the label explains only what could not be measured.
        Assert.Contains("<td class=\"cell holds\"><a href=\"#hmm-perceptron-n400-F4\" title=\"hmm-perceptron-n400 F4: holds\">✓</a></td>", html);

        var md = ReportMarkdown.Write(report);
        Assert.StartsWith("| finding | paper | HMM perceptron N=200* | HMM perceptron N=400† | HMM perceptron N=800 |",
            md.Split('\n').First(l => l.StartsWith("| finding | paper |", StringComparison.Ordinal)));
        Assert.Contains("Under-parameterized (below the interpolation threshold; solutions are not expected to reach zero train error), marked *: hmm-perceptron-n200.", md);
        Assert.Contains("Beyond SGD's reach (zero-error solutions exist; SGD-type training does not find them at this size; solutions are not expected " +
                        "to converge), marked †: hmm-perceptron-n400.", md);
        Assert.Contains("**Beyond SGD's reach** (`findings.beyond_sgd`).", md);
        Assert.Contains("| F2 | Fig. 1 | **not measured** | beyond SGD's reach (zero-error solutions exist; SGD-type training does not find them at this size, " +
                        "findings.beyond_sgd): 0 of 6 solutions converged |", md);
    }

    [Fact]
    public void MarkdownMatrixHasTheSameOrderAndTheConvergenceRows()
    {
        var md = ReportMarkdown.Write(Shuffled());
        var header = md.Split('\n').First(l => l.StartsWith("| finding | paper |", StringComparison.Ordinal));
        Assert.StartsWith("| finding | paper | MLP MNIST | MLP Fashion | LeNet MNIST | HMM perceptron N=100* | HMM perceptron N=800 |", header);
        Assert.Contains("| F4 alignment lowers barriers | Fig. 2 | [?](#mlp-mnist) | [✗](#mlp-fashion) | [✓](#lenet-mnist) |", md);
        Assert.Contains("| midpoints converged | | 1/4 |", md);
        Assert.Contains("| F2 | Fig. 1 | **not measured** | 0 of 6 solutions converged |", md);
    }

    [Fact]
    public void TheShippedSpecsFormThePapersColumnsWithTheirUnderparameterizedAndBeyondSgdSizesLabelled()
    {
        var root = RepoRoot.Find();
        var specs = Directory.GetFiles(Path.Combine(root, "specs"), "*.yaml").Select(f => SpecLoader.Load(Path.GetRelativePath(root, f), "quick", root)).ToList();
        var experiments = specs.Select(s => new ExperimentReport(s, null, [new SolutionResult("sgd-s1", "sgd", 1, 0, 0.1, true, 0, 1, 1, 1)],
            FindingCatalog.Ids.Select(id => Finding.NotApplicable(id, "fabricated")).ToList(), "test", [],
            s.Data.Dataset == "cifar10" ? "CIFAR-10 cannot be had here" : null)).ToList();
        var report = new RunReport("quick", experiments, [], []);
        var columns = FindingsMatrix.Columns(report);
        Assert.Equal(["mlp-mnist", "mlp-fashion", "lenet-mnist", "lenet-fashion",
            "hmm-perceptron-n100", "hmm-perceptron-n200", "hmm-perceptron-n400", "hmm-perceptron-n800", "hmm-perceptron-n1600", "hmm-perceptron-n3200",
            "hmm-committee-n100", "hmm-committee-n200", "hmm-committee-n400", "hmm-committee-n800", "hmm-committee-n1600", "hmm-committee-n3200",
            "binary-mlp-parity-w101", "binary-mlp-parity-w201", "binary-mlp-parity-w401", "binary-mlp-fashion"], columns.Select(c => c.Experiment.Spec.Name));
        Assert.Equal(["hmm-perceptron-n100", "hmm-perceptron-n200", "hmm-committee-n100", "hmm-committee-n200"],
            FindingsMatrix.Labelled(columns, SizeLabel.Underparameterized));
        Assert.Equal(["hmm-perceptron-n400"], FindingsMatrix.Labelled(columns, SizeLabel.BeyondSgd));
        var html = ReportHtml.Write(report);
        Assert.Contains("Shaded columns (hmm-perceptron-n100, hmm-perceptron-n200, hmm-committee-n100, hmm-committee-n200) are under-parameterized", html);
        Assert.Contains("Blue-shaded columns (hmm-perceptron-n400) are beyond SGD&#39;s reach", html);
        Assert.Equal(["mlp-cifar10", "lenet-cifar10", "vgg16bn-cifar10", "binary-conv-cifar10"], FindingsMatrix.Skipped(report).Single().Experiments);
        if (Environment.GetEnvironmentVariable("REPRODUCE_REPORT_OUT") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.WriteAllText(Path.Combine(keep, "matrix.html"), ReportHtml.Write(report));
        }
    }
}
