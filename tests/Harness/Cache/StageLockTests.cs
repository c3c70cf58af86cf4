using System.Text.Json.Nodes;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;
using Reproduce.Tests.Harness.Execution;
using Xunit;

namespace Reproduce.Tests.Harness.Cache;

/// <summary>
/// A stage whose lock another process holds is not failed: the executor waits, then takes the result that process
/// committed without computing it; when the holder ends without a result, it computes the stage itself.
/// </summary>
public sealed class StageLockTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "reproduce-lock-" + Guid.NewGuid().ToString("N"));
    private readonly StageGraph graph = Planner.Plan([Some.Spec("a", [1])]);

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, true);
    }

    private sealed class Counting(string kind) : IStageRunner
    {
        public int Runs;

        public string Kind => kind;

        public Task<StageOutcome> RunAsync(StageRunContext context)
        {
            Interlocked.Increment(ref Runs);
            return Task.FromResult(new StageOutcome([], new JsonObject { ["by"] = "executor" }));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AStageLockedElsewhereIsAwaitedThenTakenOrComputed(bool holderCommits)
    {
        var cache = new StageCache(root);
        var data = graph.Stages.Single(s => s.Kind == StageKinds.Data);
        var runner = new Counting(StageKinds.Data);
        var executor = new StageExecutor(graph, cache, root, [runner], new NoProgress());
        // Another process's lock: flock locks are per open file, so a second handle here conflicts as another process would.
        var held = StageLock.TryAcquire(cache, data);
        Assert.NotNull(held);
        Assert.True(StageLock.IsHeld(cache, data));

        var waiting = executor.RunAsync(data);
        await Task.Delay(700);
        Assert.False(waiting.IsCompleted, "the executor should wait for the lock, not fail or run");
        if (holderCommits)
        {
            cache.Prepare(data);
            cache.Commit(data, [], new JsonObject { ["by"] = "the other process" }, new JsonObject());
        }
        held!.Dispose();
        var manifest = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(holderCommits ? 0 : 1, runner.Runs);
        Assert.Equal(holderCommits ? "the other process" : "executor", (string)manifest.Result["by"]!);
        Assert.False(StageLock.IsHeld(cache, data));
    }
}
