using Reproduce.Harness.Cache;
using Reproduce.Harness.Execution;
using Reproduce.Harness.Runs;
using Xunit;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>
/// Two runs of one spec on one cache, started at once (two processes): both succeed, each stage is computed by one of
/// them only (the other waits for its lock and takes its result, or comes back to it), and the results are those of a
/// single run, bit for bit.
/// </summary>
public sealed class ConcurrentRunsTests : IDisposable
{
    private readonly ProbedHmmRoot root = new();
    private readonly ProbedHmmRoot alone = new();

    public void Dispose()
    {
        root.Dispose();
        alone.Dispose();
    }

    [Theory]
    [InlineData(ExecutionOptions.Local)]
    [InlineData(ExecutionOptions.InProcess)]
    public void TwoRunsStartedAtOnceComputeEachStageOnceAndBothSucceed(string executor)
    {
        string[] args = ["run", "--root", root.Path, "--profile", "base", "--jobs", "2", "--threads-per-job", "1", "--executor", executor];
        using var a = CliRun.Start(args);
        using var b = CliRun.Start(args);
        var timeout = TimeSpan.FromMinutes(10);
        Assert.True(a.Wait(timeout) == 0, a.Output);
        Assert.True(b.Wait(timeout) == 0, b.Output);

        var ws = root.Open();
        Assert.All(ws.Inspect(), s => Assert.Equal(StageState.Done, s.State));
        var computed = RunLogs.Computed(RunLogs.Files(root.Path));
        Assert.Equal(ws.Graph.Stages.Select(s => s.Id).Order(), computed.Order());

        using (var session = Session.Start(alone.Options(jobs: 1), ExecutionOptions.InProcessOnly))
            Assert.Equal(0, session.RunAll(session.Workspace.Graph.Stages));
        Assert.Equal(alone.Digest(), root.Digest());
    }
}
