using System.Text.Json.Nodes;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;
using Xunit;

namespace Reproduce.Tests.Harness.Cache;

public sealed class StageCacheTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "reproduce-cache-" + Guid.NewGuid().ToString("N"));
    private readonly StageGraph graph = Planner.Plan([Some.Spec("a", [1, 2])]);

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, true);
    }

    /// <summary>The data and train stages: these tests run only those kinds (the probe stages follow them in the plan).</summary>
    private IEnumerable<Stage> Spine => graph.Stages.Where(s => s.Kind is "data" or "train");

    private StageExecutor Executor(CountingRunner data, CountingRunner train) =>
        new(graph, new StageCache(root), root, [data, train], new NoProgress(), jobs: 2);

    [Fact]
    public void CommittedStageIsDone()
    {
        var cache = new StageCache(root);
        var stage = graph.Stages[0];
        Assert.Equal(StageState.Missing, cache.Inspect(stage, out _));
        var dir = cache.Prepare(stage);
        File.WriteAllText(Path.Combine(dir, "out.txt"), "hello");
        cache.Commit(stage, ["out.txt"], new JsonObject { ["x"] = 1 }, new JsonObject());
        Assert.Equal(StageState.Done, cache.Inspect(stage, out _));
        Assert.Equal(1, (int)cache.ReadManifest(stage).Result["x"]!);
    }

    [Fact]
    public void StageKilledBeforeItsManifestIsNotDone()
    {
        var cache = new StageCache(root);
        var stage = graph.Stages[0];
        var dir = cache.Prepare(stage);
        File.WriteAllText(Path.Combine(dir, "out.txt"), "half of it");
        // No Commit: the process died here.
        Assert.Equal(StageState.Missing, cache.Inspect(stage, out _));
    }

    [Fact]
    public void TruncatedManifestIsDetectedAsCorrupt()
    {
        var cache = new StageCache(root);
        var stage = graph.Stages[0];
        cache.Prepare(stage);
        cache.Commit(stage, [], new JsonObject(), new JsonObject());
        var path = Path.Combine(cache.Folder(stage), StageCache.ManifestName);
        File.WriteAllText(path, File.ReadAllText(path)[..40]);
        Assert.Equal(StageState.Corrupt, cache.Inspect(stage, out var problem));
        Assert.Contains(path, problem);
    }

    [Fact]
    public void ModifiedOutputIsDetectedAsCorrupt()
    {
        var cache = new StageCache(root);
        var stage = graph.Stages[0];
        var dir = cache.Prepare(stage);
        File.WriteAllText(Path.Combine(dir, "out.txt"), "hello");
        cache.Commit(stage, ["out.txt"], new JsonObject(), new JsonObject());
        File.WriteAllText(Path.Combine(dir, "out.txt"), "jello");
        Assert.Equal(StageState.Corrupt, cache.Inspect(stage, out var problem));
        Assert.Contains("out.txt", problem);
    }

    [Fact]
    public void ManifestOfAnotherKeyIsCorrupt()
    {
        var cache = new StageCache(root);
        var (a, b) = (graph.Stages[1], graph.Stages[2]);
        cache.Prepare(a);
        cache.Commit(a, [], new JsonObject(), new JsonObject());
        Directory.CreateDirectory(cache.Folder(b));
        File.Copy(Path.Combine(cache.Folder(a), StageCache.ManifestName), Path.Combine(cache.Folder(b), StageCache.ManifestName));
        Assert.Equal(StageState.Corrupt, cache.Inspect(b, out _));
    }

    [Fact]
    public async Task SecondRunExecutesNoStage()
    {
        var (data, train) = (new CountingRunner("data"), new CountingRunner("train"));
        Assert.Empty(await Executor(data, train).RunAllAsync(Spine));
        Assert.Equal((1, 2), (data.Runs, train.Runs));
        var (data2, train2) = (new CountingRunner("data"), new CountingRunner("train"));
        Assert.Empty(await Executor(data2, train2).RunAllAsync(Spine));
        Assert.Equal((0, 0), (data2.Runs, train2.Runs));
    }

    [Fact]
    public async Task KilledStageRerunsAndOnlyIt()
    {
        var (data, train) = (new CountingRunner("data"), new CountingRunner("train"));
        await Executor(data, train).RunAllAsync(Spine);
        // Simulate a stage killed mid-way on a later run: its folder has outputs but no manifest.
        File.Delete(Path.Combine(new StageCache(root).Folder(graph.Stages[2]), StageCache.ManifestName));
        var (data2, train2) = (new CountingRunner("data"), new CountingRunner("train"));
        Assert.Empty(await Executor(data2, train2).RunAllAsync(Spine));
        Assert.Equal((0, 1), (data2.Runs, train2.Runs));
    }

    [Fact]
    public async Task CorruptStageIsRunAgain()
    {
        var (data, train) = (new CountingRunner("data"), new CountingRunner("train"));
        await Executor(data, train).RunAllAsync(Spine);
        File.WriteAllText(Path.Combine(new StageCache(root).Folder(graph.Stages[1]), "out.txt"), "bit rot");
        var train2 = new CountingRunner("train");
        Assert.Empty(await Executor(new CountingRunner("data"), train2).RunAllAsync(Spine));
        Assert.Equal(1, train2.Runs);
        Assert.Equal(StageState.Done, new StageCache(root).Inspect(graph.Stages[1], out _));
    }

    [Fact]
    public async Task FailedInputFailsItsDependentsOnly()
    {
        var failing = new CountingRunner("data", fail: true);
        var train = new CountingRunner("train");
        var failures = await Executor(failing, train).RunAllAsync(Spine);
        Assert.Equal(3, failures.Count);
        Assert.Equal(0, train.Runs);
        Assert.All(graph.Stages, s => Assert.NotEqual(StageState.Done, new StageCache(root).Inspect(s, out _)));
    }

    [Fact]
    public async Task SameStageAskedTwiceAtOnceRunsOnce()
    {
        var (data, train) = (new CountingRunner("data"), new CountingRunner("train"));
        var executor = Executor(data, train);
        await executor.RunAsync(graph.Stages[0]);
        await Task.WhenAll(executor.RunAsync(graph.Stages[1]), executor.RunAsync(graph.Stages[1]));
        Assert.Equal(1, train.Runs);
    }

    private sealed class CountingRunner(string kind, bool fail = false) : IStageRunner
    {
        private int runs;
        public int Runs => runs;
        public string Kind => kind;

        public async Task<StageOutcome> RunAsync(StageRunContext context)
        {
            Interlocked.Increment(ref runs);
            await Task.Delay(10);
            if (fail) throw new InvalidOperationException("boom");
            await File.WriteAllTextAsync(Path.Combine(context.Folder, "out.txt"), context.Stage.Key);
            return new StageOutcome(["out.txt"], new JsonObject { ["inputs"] = context.Inputs.Count });
        }
    }

    private sealed class NoProgress : IProgressSink
    {
        public IStageProgressHandle Start(Stage stage) => new Handle();

        private sealed class Handle : IStageProgressHandle
        {
            public void Report(double fraction, string status) { }
            public void Dispose() { }
        }
    }
}
