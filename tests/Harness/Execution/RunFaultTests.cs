using Reproduce.Harness.Cache;
using Reproduce.Harness.Execution;
using Reproduce.Harness.Stages;
using Xunit;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>
/// Faults as a user meets them, through the built CLI (<c>reproduce run</c>): a stage that fails (injected with
/// <c>REPRODUCE_FAIL_STAGES</c>) fails exactly what needs it, the report is still written, and the run ends, exit 1, with
/// the failed stage and its error, then a count of what could not run; a flipped byte in a cached output is found and
/// only that stage computed again, to the same bits.
/// </summary>
public sealed class RunFaultTests : IDisposable
{
    private readonly ProbedHmmRoot root = new();

    public void Dispose() => root.Dispose();

    private string[] Run(string executor = ExecutionOptions.Local) =>
        ["run", "--root", root.Path, "--profile", "base", "--jobs", "2", "--threads-per-job", "1", "--executor", executor];

    [Theory]
    [InlineData(ExecutionOptions.Local)]
    [InlineData(ExecutionOptions.InProcess)]
    public void AnInjectedFailureFailsExactlyItsDependentsAndTheRunEndsWithItAfterTheReport(string executor)
    {
        var (exit, output) = CliRun.Run(Run(executor), new Dictionary<string, string> { [FailureInjection.Variable] = "train/*/seed1" });

        Assert.Equal(1, exit);
        var ws = root.Open();
        var seed1 = ws.Graph.Stages.Single(s => s.Id == "train/hmm-mlp/sgd/seed1");
        var downstream = ProbedHmmRoot.Downstream(ws.Graph, seed1);
        Assert.All(ws.Inspect(), s => Assert.Equal(downstream.Contains(s.Stage.Key) ? StageState.Missing : StageState.Done, s.State));
        Assert.True(File.Exists(Path.Combine(root.Path, "artifacts", "report", "REPORT.md")));

        var lines = output.Split('\n');
        var report = Array.FindLastIndex(lines, l => l.Contains("INF report: ", StringComparison.Ordinal));
        var failed = Array.FindLastIndex(lines, l => l.Contains(
            $"ERR {seed1.Id} failed: {seed1.Id}: failure injected by {FailureInjection.Variable}=train/*/seed1", StringComparison.Ordinal));
        var notRun = Array.FindLastIndex(lines, l => l.Contains($"ERR {downstream.Count - 1} stage(s) that need it could not run", StringComparison.Ordinal));
        Assert.True(report >= 0 && report < failed && failed < notRun, $"expected the report, then the failure, then the count; output:\n{output}");
        // One line for the dependents, not one each.
        Assert.DoesNotContain(lines, l => l.Contains("not run, an input stage failed", StringComparison.Ordinal));
    }

    [Fact]
    public void AFlippedByteInACachedOutputIsFoundAndOnlyItsStageComputedAgain()
    {
        Assert.Equal(0, CliRun.Run(Run()).Exit);
        var before = root.Digest();
        var ws = root.Open();
        var path = ws.Graph.Stages.Single(s => s.Id == "path/hmm-mlp/linear/sgd-s1_sgd-s2");
        var file = Path.Combine(ws.Cache.Folder(path), ws.Cache.ReadManifest(path).Outputs.Keys.First());
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(file, bytes);
        Assert.Equal(StageState.Corrupt, ws.Cache.Inspect(path, out _));

        var logs = RunLogs.Files(root.Path);
        var (exit, output) = CliRun.Run(Run());

        Assert.Equal(0, exit);
        Assert.Contains($"WRN {path.Id}: cached result is corrupt", output);
        Assert.Equal([path.Id], RunLogs.Computed(RunLogs.Files(root.Path).Except(logs)));
        Assert.Equal(before, root.Digest());
    }
}
