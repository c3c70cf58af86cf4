using Reproduce.Harness.Cache;
using Reproduce.Harness.Execution;
using Reproduce.Harness.Execution.Slurm;
using Reproduce.Harness.Execution.Workers;
using Reproduce.Harness.Runs;
using Reproduce.Harness.Stages;
using Xunit;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>
/// The default executor, worker processes, on a small spec of every stage kind but planes: its results equal the
/// in-process executor's bit for bit at one thread per stage, whatever --jobs; a worker killed by a signal fails its stage
/// with its log's last lines and fails only what needs it; the next run computes exactly what is missing.
/// </summary>
public sealed class WorkerExecutorTests : IDisposable
{
    private readonly ProbedHmmRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void ResultsAreBitIdenticalInProcessAndInWorkersAtOneAndTwoJobs()
    {
        using (var session = Session.Start(root.Options(jobs: 1), ExecutionOptions.InProcessOnly))
            Assert.Equal(0, session.RunAll(session.Workspace.Graph.Stages));
        var inProcess = root.Digest();
        Assert.Equal(23, inProcess.Count(l => l.Split(' ')[1] == "result"));
        Assert.DoesNotContain(inProcess, l => l.EndsWith(" not-done", StringComparison.Ordinal));

        foreach (var jobs in new[] { 1, 2 })
        {
            Directory.Delete(root.Open().Cache.Root, true);
            using (var session = Session.Start(root.Options(jobs)))
                Assert.Equal(0, session.RunAll(session.Workspace.Graph.Stages));
            // Tolerance: none. Every output's SHA-256 (the training histories without their seconds column) and every result.
            Assert.Equal(inProcess, root.Digest());
            var ws = root.Open();
            Assert.All(ws.Graph.Stages, s =>
            {
                Assert.True(File.Exists(WorkerExecutor.LogPath(ws.Cache, s)), $"{s.Id} did not run in a worker");
                Assert.Equal(1, (int)ws.Cache.ReadManifest(s).Provenance["torch_threads"]!);
            });
        }
    }

    [Fact]
    public async Task AWorkerKilledBySignalFailsItsStageWithItsLogsLastLinesAndOnlyWhatNeedsIt()
    {
        var ws = root.Open();
        var seed1 = ws.Graph.Stages.Single(s => s.Id == "train/hmm-mlp/sgd/seed1");
        var real = StageCommand.LocateForWorkers();
        // A "CLI" that SIGKILLs itself for seed 1's train stage (as the kernel's OOM killer would) and runs the real one otherwise.
        var script = Path.Combine(root.Path, "dies.sh");
        File.WriteAllText(script, $"""
            if [ "$3" = train ] && [ "$4" = {seed1.Key} ]; then
              echo "training seed 1, about to be killed"
              echo "a last word on stderr" >&2
              kill -KILL $$
            fi
            exec '{real.Dotnet}' '{real.Cli}' "$@"
            """);

        var report = await Executor(ws, StageCommand.At(script, "/bin/sh")).ExecuteAsync(ws.Graph.Stages);

        var failed = Assert.Single(report.RootFailures);
        Assert.Equal(seed1, failed.Stage);
        Assert.Contains("was killed by signal 9 (SIGKILL", failed.Message);
        Assert.Contains("training seed 1, about to be killed", failed.Message);
        Assert.Contains("a last word on stderr", failed.Message);
        Assert.Contains(WorkerExecutor.LogPath(ws.Cache, seed1), failed.Message);
        var downstream = ProbedHmmRoot.Downstream(ws.Graph, seed1);
        Assert.Equal(downstream.Where(k => k != seed1.Key).Order(), report.Failures.Where(f => !f.Root).Select(f => f.Stage.Key).Order());
        Assert.All(ws.Inspect(), s => Assert.Equal(downstream.Contains(s.Stage.Key) ? StageState.Missing : StageState.Done, s.State));
        Assert.Contains(ws.Graph.Stages, s => s.Id == "local-energy/hmm-mlp/sgd-s2" && ws.Cache.Inspect(s, out _) == StageState.Done);

        var again = await Executor(ws, real).ExecuteAsync(ws.Graph.Stages);
        Assert.Empty(again.Failures);
        Assert.All(ws.Inspect(), s => Assert.Equal(StageState.Done, s.State));
    }

    private static WorkerExecutor Executor(Workspace ws, StageCommand cli) =>
        new(ws, cli, new NoProgress(), new DataAvailability(ws.Cache, ws.DataDirectory, new SkipLedger()));
}
