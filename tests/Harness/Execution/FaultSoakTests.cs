using System.Text.RegularExpressions;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Execution;
using Reproduce.Harness.Runs;
using Xunit;
using Xunit.Abstractions;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>
/// The fault soak: a whole run (the CLI and its worker processes, one process group) is SIGKILLed at least five times, in
/// training, in the probes, in the optimized paths, in the figures and findings and while the report is written; after
/// each kill no stage is half-written or taken as done (every stage is done with the uninterrupted run's bits, or
/// missing), and the run then finished gives the uninterrupted run's results, bit for bit, timings aside.
/// <c>.ci/fault-soak</c> does the same on a shipped spec in CI.
/// </summary>
public sealed class FaultSoakTests(ITestOutputHelper output) : IDisposable
{
    private readonly ProbedHmmRoot root = new();
    private readonly ProbedHmmRoot uninterrupted = new();

    public void Dispose()
    {
        root.Dispose();
        uninterrupted.Dispose();
    }

    /// <summary>Where to kill: the stage started last is of these kinds, or (null) the report is being written.</summary>
    private static readonly (string Phase, Regex? Kinds)[] Phases =
    [
        ("training", new Regex("^train$")),
        ("probes", new Regex("^(canonicalize|local-energy|align|path|distances)$")),
        ("optimized paths", new Regex("^optimized-path$")),
        ("figures and findings", new Regex("^(plot|findings)$")),
        ("report", null),
    ];

    /// <summary>The log line of a stage starting to compute (in a worker, logged through the run): its kind.</summary>
    private static readonly Regex Started = new(@": running \((?<kind>[a-z-]+) [0-9a-f]+\)", RegexOptions.RightToLeft);

    [Fact]
    public void ARunKilledFiveTimesThenRunToItsEndGivesTheUninterruptedResults()
    {
        using (var session = Session.Start(uninterrupted.Options(jobs: 1), ExecutionOptions.InProcessOnly))
            Assert.Equal(0, session.RunAll(session.Workspace.Graph.Stages));
        var reference = uninterrupted.Digest();
        string[] args = ["run", "--root", root.Path, "--profile", "base", "--jobs", "2", "--threads-per-job", "1"];
        var random = new Random(13);
        var kills = new List<string>();
        // Each run is killed at the first phase left that it reaches; then runs are killed while they write the report.
        var left = Phases.ToList();
        for (var runs = 0; kills.Count < 5 || left.Count > 0; runs++)
        {
            Assert.True(runs < 12, $"only {kills.Count} kill(s) landed in 12 runs: {string.Join(", ", kills)}");
            if (left.Count == 0) left.Add(Phases[^1]);
            var report = Path.Combine(root.Path, "artifacts", "report");
            if (Directory.Exists(report)) Directory.Delete(report, true);
            using var run = CliRun.Start(args);
            var hit = -1;
            for (var deadline = DateTime.UtcNow.AddMinutes(5); hit < 0 && !run.Exited && DateTime.UtcNow < deadline; Thread.Sleep(10))
            {
                var kind = Started.Match(run.Output) is { Success: true } m ? m.Groups["kind"].Value : null;
                hit = left.FindIndex(p => p.Kinds is null ? Directory.Exists(report) : kind is not null && p.Kinds.IsMatch(kind));
            }
            if (hit >= 0)
            {
                Thread.Sleep(random.Next(0, 300));
                run.KillGroup();
                kills.Add(left[hit].Phase);
                output.WriteLine($"killed during {left[hit].Phase}");
                left.RemoveRange(0, hit + 1);
            }
            else
            {
                Assert.Equal(0, run.Wait(TimeSpan.FromMinutes(5)));
                output.WriteLine($"the run ended before a kill landed (left: {string.Join(", ", left.Select(p => p.Phase))})");
                left.Clear();
            }
            AssertEveryStageDoneAsUninterruptedOrMissing(reference);
        }
        Assert.True(kills.Count >= 5, string.Join(", ", kills));

        var (exit, last) = CliRun.Run(args);
        Assert.True(exit == 0, last);
        Assert.Equal(reference, root.Digest());
        Assert.True(File.Exists(Path.Combine(root.Path, "artifacts", "report", "REPORT.md")));
    }

    /// <summary>After a kill: no stage corrupt, and every done stage's results are the uninterrupted run's (no tolerance).</summary>
    private void AssertEveryStageDoneAsUninterruptedOrMissing(IReadOnlyList<string> reference)
    {
        var ws = root.Open();
        Assert.All(ws.Inspect(), s => Assert.NotEqual(StageState.Corrupt, s.State));
        var expected = reference.ToHashSet();
        Assert.All(root.Digest().Where(l => !l.EndsWith(" not-done", StringComparison.Ordinal)), l => Assert.Contains(l, expected));
    }
}
