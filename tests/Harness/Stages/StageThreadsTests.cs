using System.Text.Json.Nodes;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;
using Reproduce.Tests.Harness.Execution;
using Xunit;

namespace Reproduce.Tests.Harness.Stages;

/// <summary>
/// libtorch's intra-op thread count is one setting for the whole process, and the bits of its reductions depend on it:
/// every stage an executor runs sees that executor's threads, even when another executor in the process (another test,
/// another session in a host) set its own in between. Before, an executor set the count for its first stage only, and
/// the smoke regression ran part of its stages with another executor's count (two CI runs of one commit disagreed).
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class StageThreadsTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "reproduce-threads-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, true);
    }

    /// <summary>Records libtorch's thread count as each stage runs, then sets another one, as a second executor would.</summary>
    private sealed class ThreadsRunner(string kind, List<int> seen, int other) : IStageRunner
    {
        public string Kind => kind;

        public Task<StageOutcome> RunAsync(StageRunContext context)
        {
            lock (seen) seen.Add(TorchSharp.torch.get_num_threads());
            TorchSharp.torch.set_num_threads(other);
            return Task.FromResult(new StageOutcome([], new JsonObject()));
        }
    }

    [Fact]
    public async Task EveryStageRunsWithItsExecutorsThreads()
    {
        var before = TorchSharp.torch.get_num_threads();
        try
        {
            var spec = Reproduce.Tests.Some.Spec("""
                experiment: threads
                data: {dataset: hmm}
                network: {arch: perceptron}
                seeds: [1, 2, 3]
                algorithms: {sgd: {}}
                """, file: "specs/threads.yaml");
            var graph = Planner.Plan([spec]);
            var seen = new List<int>();
            var runners = graph.Stages.Select(s => s.Kind).Distinct().Select(k => (IStageRunner)new ThreadsRunner(k, seen, other: 3)).ToList();
            var executor = new StageExecutor(graph, new StageCache(Path.Combine(root, "cache")), Path.Combine(root, "data"), runners, new NoProgress(),
                jobs: 1, threads: 2);

            Assert.Empty(await executor.RunAllAsync(graph.Stages));

            Assert.True(seen.Count > 3, $"only {seen.Count} stages ran");
            Assert.All(seen, n => Assert.Equal(2, n));
        }
        finally
        {
            TorchSharp.torch.set_num_threads(before);
        }
    }
}
