using System.Text.Json.Nodes;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Data;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;
using Reproduce.Tests.Harness.Execution;
using Xunit;

namespace Reproduce.Tests.Harness.Stages;

/// <summary>
/// A data set that cannot be had (CIFAR-10 here) skips its experiment with the reason, and the rest of the run goes on:
/// no failure is reported, every dependent stage is skipped with the same reason, and no stage of it is done.
/// </summary>
public sealed class StageSkipTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "reproduce-skip-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, true);
    }

    /// <summary>Every runner succeeds with an empty result, except the data runner of <c>cifar10</c>, which cannot fetch it.</summary>
    private sealed class FakeRunner(string kind) : IStageRunner
    {
        public string Kind => kind;

        public Task<StageOutcome> RunAsync(StageRunContext context)
        {
            if (kind == StageKinds.Data && (string?)context.Stage.Settings["dataset"] == "cifar10")
                throw new DataUnavailableException("cifar10", "no source answered (test)");
            return Task.FromResult(new StageOutcome([], new JsonObject()));
        }
    }

    private static ExperimentSpecs Specs() => new(
        Reproduce.Tests.Some.Spec("""
            experiment: on-cifar
            data: {dataset: cifar10, train_subset: 100}
            seeds: [1, 2]
            algorithms: {sgd: {}}
            """, file: "specs/on-cifar.yaml"),
        Reproduce.Tests.Some.Spec("""
            experiment: on-hmm
            data: {dataset: hmm}
            network: {arch: perceptron}
            seeds: [1]
            algorithms: {sgd: {}}
            """, file: "specs/on-hmm.yaml"));

    private sealed record ExperimentSpecs(Reproduce.Harness.Specs.ExperimentSpec A, Reproduce.Harness.Specs.ExperimentSpec B);

    [Fact]
    public async Task UnavailableDataSkipsItsExperimentAndTheRunGoesOn()
    {
        var specs = Specs();
        var graph = Planner.Plan([specs.A, specs.B]);
        var cache = new StageCache(Path.Combine(root, "cache"));
        var runners = graph.Stages.Select(s => s.Kind).Distinct().Select(k => (IStageRunner)new FakeRunner(k)).ToList();
        var executor = new StageExecutor(graph, cache, Path.Combine(root, "data"), runners, new NoProgress());

        var failures = await executor.RunAllAsync(graph.Stages);

        Assert.Empty(failures);
        var cifar = graph.Stages.Where(s => s.Experiments.Contains("on-cifar") && !s.Experiments.Contains("on-hmm")).ToList();
        Assert.NotEmpty(cifar);
        Assert.All(cifar, s =>
        {
            Assert.True(executor.Skipped.ContainsKey(s.Key), $"{s.Id} should be skipped");
            Assert.Contains("cifar10 cannot be had here", executor.Skipped[s.Key]);
            Assert.NotEqual(StageState.Done, cache.Inspect(s, out _));
        });
        Assert.All(graph.Stages.Where(s => s.Experiments.Contains("on-hmm")), s => Assert.Equal(StageState.Done, cache.Inspect(s, out _)));
    }

    /// <summary>A dependent asked for alone (as a FAKE target does) is skipped with its input's reason, not failed.</summary>
    [Fact]
    public async Task DependentAskedForAloneIsSkippedWithTheReason()
    {
        var graph = Planner.Plan([Specs().A]);
        var cache = new StageCache(Path.Combine(root, "cache"));
        var runners = graph.Stages.Select(s => s.Kind).Distinct().Select(k => (IStageRunner)new FakeRunner(k)).ToList();
        var executor = new StageExecutor(graph, cache, Path.Combine(root, "data"), runners, new NoProgress());
        await Assert.ThrowsAsync<StageSkippedException>(() => executor.RunAsync(graph.Stages.Single(s => s.Kind == StageKinds.Data)));
        var train = graph.Stages.First(s => s.Kind == StageKinds.Train);
        var e = await Assert.ThrowsAsync<StageSkippedException>(() => executor.RunAsync(train));
        Assert.Contains("cifar10", e.Message);
    }
}
