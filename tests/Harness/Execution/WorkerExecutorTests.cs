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
/// in-process executor's bit for bit at one thread per stage, whatever --jobs and however many stages a worker runs; a
/// worker runs stage after stage (no more workers start than stages run at once) unless it is retired after each (one
/// stage per worker, or a worker that keeps more memory than allowed); a worker killed by a signal fails its
/// stage with its log's last lines and fails only what needs it, a fresh worker runs the rest, and the next run computes
/// exactly what is missing.
/// </summary>
public sealed class WorkerExecutorTests : IDisposable
{
    private readonly ProbedHmmRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public async Task ResultsAreBitIdenticalInProcessAndInWorkersAtOneAndTwoJobsAndWhenWorkersAreRetired()
    {
        using (var session = Session.Start(root.Options(jobs: 1), ExecutionOptions.InProcessOnly))
            Assert.Equal(0, session.RunAll(session.Workspace.Graph.Stages));
        var inProcess = root.Digest();
        Assert.Equal(23, inProcess.Count(l => l.Split(' ')[1] == "result"));
        Assert.DoesNotContain(inProcess, l => l.EndsWith(" not-done", StringComparison.Ordinal));

        // A worker that keeps more than 1 byte after a stage is retired, as one that grew past the default 1.5 GB would be.
        var grown = new WorkerRecycling(WorkerRecycling.Default.MaxStages, MaxWorkingSet: 1);
        foreach (var (jobs, recycling) in new[] { (1, WorkerRecycling.Default), (2, WorkerRecycling.Default), (2, WorkerRecycling.EveryStage), (1, grown) })
        {
            Directory.Delete(root.Open().Cache.Root, true);
            var ws = Workspace.Open(root.Options(jobs));
            var executor = Executor(ws, StageCommand.LocateForWorkers(), recycling);
            Assert.Empty((await executor.ExecuteAsync(ws.Graph.Stages)).Failures);
            // Tolerance: none. Every output's SHA-256 (the training histories without their seconds column) and every result.
            Assert.Equal(inProcess, root.Digest());
            Assert.All(ws.Graph.Stages, s =>
            {
                Assert.True(File.Exists(WorkerExecutor.LogPath(ws.Cache, s)), $"{s.Id} did not run in a worker");
                Assert.Equal(1, (int)ws.Cache.ReadManifest(s).Provenance["torch_threads"]!);
            });
            if (recycling != WorkerRecycling.Default) Assert.Equal(ws.Graph.Stages.Count, executor.WorkersStarted);
            else Assert.InRange(executor.WorkersStarted, 1, jobs);
        }
    }

    [Fact]
    public void TheCliRunsItsStagesInAtMostJobsWorkers()
    {
        using (var session = Session.Start(root.Options(jobs: 2)))
        {
            Assert.Equal(0, session.RunAll(session.Workspace.Graph.Stages));
            Assert.InRange(Assert.IsType<WorkerExecutor>(session.Runner).WorkersStarted, 1, 2);
        }
        var ws = root.Open();
        var workers = ws.Graph.Stages.Select(s => File.ReadLines(WorkerExecutor.LogPath(ws.Cache, s)).First().Split(' ')[3]).Distinct().ToList();
        Assert.InRange(workers.Count, 1, 2);
    }

    [Fact]
    public void AWorkerKilledBySignalFailsItsStageWithItsLogsLastLinesAndOnlyWhatNeedsIt()
    {
        var ws = root.Open();
        var seed1 = ws.Graph.Stages.Single(s => s.Id == "train/hmm-mlp/sgd/seed1");
        string[] args = ["run", "--root", root.Path, "--profile", "base", "--jobs", "2", "--threads-per-job", "1"];
        // The worker computing seed 1's train stage SIGKILLs itself, as the kernel's out-of-memory killer would.
        var (exit, output) = CliRun.Run(args, new Dictionary<string, string> { [FailureInjection.KillVariable] = seed1.Id });

        Assert.Equal(1, exit);
        var failed = output.Split('\n').Single(l => l.Contains($"ERR {seed1.Id} failed: ", StringComparison.Ordinal));
        Assert.Contains("was killed by signal 9 (SIGKILL", failed);
        Assert.Contains(WorkerExecutor.LogPath(ws.Cache, seed1), failed);
        // The last lines of its log follow, indented: what it wrote on standard output and error before it died.
        Assert.Contains($"\n    {seed1.Id}: killed by {FailureInjection.KillVariable}={seed1.Id}\n", output);
        Assert.Contains($"\n    {seed1.Id}: SIGKILL to process ", output);
        var downstream = ProbedHmmRoot.Downstream(ws.Graph, seed1);
        Assert.Contains($"ERR {downstream.Count - 1} stage(s) that need it could not run", output);
        Assert.All(ws.Inspect(), s => Assert.Equal(downstream.Contains(s.Stage.Key) ? StageState.Missing : StageState.Done, s.State));
        Assert.Contains(ws.Graph.Stages, s => s.Id == "local-energy/hmm-mlp/sgd-s2" && ws.Cache.Inspect(s, out _) == StageState.Done);

        var logs = RunLogs.Files(root.Path);
        var (again, last) = CliRun.Run(args);
        Assert.True(again == 0, last);
        Assert.All(ws.Inspect(), s => Assert.Equal(StageState.Done, s.State));
        Assert.Equal(ws.Graph.Stages.Where(s => downstream.Contains(s.Key)).Select(s => s.Id).Order(),
            RunLogs.Computed(RunLogs.Files(root.Path).Except(logs)).Order());
    }

    private static WorkerExecutor Executor(Workspace ws, StageCommand cli, WorkerRecycling recycling) =>
        new(ws, cli, new NoProgress(), new DataAvailability(ws.Cache, ws.DataDirectory, new SkipLedger()), recycling);
}
