using Reproduce.Harness.Cli;
using Reproduce.Harness.Findings;
using Reproduce.Harness.Report;
using Reproduce.Harness.Runs;
using Reproduce.Tests.Harness.Data;
using Snapshooter.Xunit;
using Xunit;
using Xunit.Abstractions;

namespace Reproduce.Tests.Harness;

/// <summary>
/// CI's guard on the paper's findings: every shipped spec under the smoke profile, end to end on the stored data (CIFAR-10
/// experiments are skipped where it cannot be had), through the repository's own cache (a second run, or a run after
/// <c>./build.sh Reproduce --profile smoke</c>, only rebuilds the report). The findings tables of every experiment are
/// snapshot-tested (verdicts and numbers rounded as the report prints them), and the findings that are stable at smoke
/// size must hold: a change that breaks one fails CI.
/// </summary>
public sealed class SmokeRegressionTests(ITestOutputHelper output)
{
    /// <summary>(experiment, finding) pairs that hold at smoke size and must keep holding.</summary>
    public static readonly IReadOnlyList<(string Experiment, string Finding)> Stable =
    [
    ];

    [StoredMnistFact]
    public void SmokeProfileReproducesTheStableFindings()
    {
        var root = RepoRoot.Find();
        var outDir = Path.Combine(Path.GetTempPath(), "reproduce-smoke-report-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            RunReport report;
            using (var session = Session.Start(new WorkspaceOptions(root, "smoke", null, Jobs: 1)))
            {
                Assert.Equal(0, session.RunAll(session.Workspace.Graph.Stages));
                Assert.Equal(0, ReportCommand.Build(session, outDir));
                report = ReportBuilder.Collect(root, "smoke", session.Workspace.Specs, session.Workspace.Graph, session.Workspace.Cache, outDir,
                    session.Executor.Skipped);
            }

            var lines = new List<string>();
            foreach (var e in report.Experiments.OrderBy(e => e.Spec.Name, StringComparer.Ordinal))
            {
                lines.Add($"## {e.Spec.Name}" + (e.Skipped is null ? "" : " (skipped: data set unavailable)"));
                if (e.Skipped is not null) continue;
                lines.Add($"solutions {e.Solutions.Count}, converged {e.Solutions.Count(s => s.Converged)}");
                lines.AddRange(e.Findings.Select(f => $"{f.Id} {f.VerdictText}: {FindingsTable.NumbersText(f)}"));
            }
            output.WriteLine(string.Join('\n', lines));
            Snapshot.Match(lines);

            foreach (var (experiment, id) in Stable)
            {
                var finding = report.Experiments.Single(e => e.Spec.Name == experiment).Findings.Single(f => f.Id == id);
                Assert.True(finding.Verdict == Verdict.Holds, $"{experiment} {id}: {finding.VerdictText} ({finding.Detail}; {FindingsTable.NumbersText(finding)})");
            }
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, true);
        }
    }
}
