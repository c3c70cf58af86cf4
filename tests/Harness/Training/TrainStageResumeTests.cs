using Reproduce.Harness.Cache;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Harness.Training;

/// <summary>
/// A train stage killed after two epochs (its cancellation token fires from the progress report of epoch 2, after that
/// epoch's checkpoint) and run again resumes from the checkpoint and ends with the same weights as an uninterrupted run,
/// bit for bit on CPU. Runs through the executor and the cache, as <c>reproduce run</c> does. HMM data: nothing to fetch.
/// </summary>
public sealed class TrainStageResumeTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "reproduce-resume-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, true);
    }

    private static StageGraph Graph(string algorithm, string arch) => Planner.Plan([Reproduce.Tests.Some.Spec($$"""
        experiment: resume
        seeds: [1]
        data:
          dataset: hmm
          hmm: {n: 60, d: 10, p: 200, test_size: 200}
        network: {{arch}}
        algorithms:
          {{algorithm}}: {epochs: 6, max_train_error: 0, batch_size: 32{{(algorithm == "adv" ? ", pretrain_epochs: 3, pretrain_max_error: 0" : "")}}}
        """)]);

    private async Task<string> Run(string cacheName, StageGraph graph, int? killAfterEpoch)
    {
        var cache = new StageCache(Path.Combine(root, cacheName));
        using var cancel = new CancellationTokenSource();
        var sink = new KillingSink(killAfterEpoch, cancel);
        var executor = new StageExecutor(graph, cache, Path.Combine(root, "data"), StageRunners.All(), sink);
        var train = graph.Stages.Single(s => s.Kind == StageKinds.Train);
        await executor.RunAsync(graph.Stages.Single(s => s.Kind == StageKinds.Data));
        if (killAfterEpoch is not null)
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => executor.RunAsync(train, cancel.Token));
        else
            await executor.RunAsync(train);
        return cache.Folder(train);
    }

    [Theory]
    [InlineData("sgd", "{arch: mlp, hidden: [32]}")]
    [InlineData("rsgd", "{arch: mlp, hidden: [32]}")]
    [InlineData("adv", "{arch: mlp, hidden: [32]}")]
    [InlineData("rsgd", "{arch: committee, k: 5}")]
    public async Task StageKilledAfterTwoEpochsResumesToBitIdenticalWeights(string algorithm, string arch)
    {
        var graph = Graph(algorithm, arch);
        var whole = await Run("a", graph, null);

        var killed = await Run("b", graph, killAfterEpoch: 2);
        Assert.False(File.Exists(Path.Combine(killed, StageCache.ManifestName)), "a killed stage must not be done");
        var checkpoints = Directory.GetDirectories(Path.Combine(killed, TrainingCheckpoint.FolderName));
        Assert.Equal(["epoch-0002"], checkpoints.Select(Path.GetFileName));

        var resumed = await Run("b", graph, null);
        Assert.False(Directory.Exists(Path.Combine(resumed, TrainingCheckpoint.FolderName)), "the checkpoint outlived the commit");
        var a = Reproduce.Harness.Networks.StateDictFile.Load(Path.Combine(whole, "network.safetensors"));
        var b = Reproduce.Harness.Networks.StateDictFile.Load(Path.Combine(resumed, "network.safetensors"));
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (name, t) in a) Assert.True(t.eq(b[name]).all().item<bool>(), $"{name} differs after resuming");
        // history.csv: same epochs and numbers, except the timing column.
        Assert.Equal(Columns(whole), Columns(resumed));
    }

    private static IEnumerable<string> Columns(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "history.csv")).Select(l => string.Join(",", l.Split(',')[..^1]));

    /// <summary>Cancels the run at the train stage's <paramref name="killAfterEpoch"/>-th progress report (one per epoch).</summary>
    private sealed class KillingSink(int? killAfterEpoch, CancellationTokenSource cancel) : IProgressSink
    {
        public IStageProgressHandle Start(Stage stage) => new Handle(stage.Kind == StageKinds.Train ? killAfterEpoch : null, cancel);

        private sealed class Handle(int? killAfter, CancellationTokenSource cancel) : IStageProgressHandle
        {
            private int reports;

            public void Report(double fraction, string status)
            {
                if (++reports == killAfter) cancel.Cancel();
            }

            public void Dispose() { }
        }
    }
}
