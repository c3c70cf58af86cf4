using System.Diagnostics;
using System.Text.Json.Nodes;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Execution;
using Reproduce.Harness.Execution.Slurm;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Runs;
using Xunit;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>
/// The Slurm executor against a real Slurm (CI starts a one-node cluster with .ci/slurm/setup; elsewhere these skip):
/// jobs run the built CLI in dependency order, give the local executor's results, are not submitted twice, and what a
/// cancelled or failed job left undone is submitted again by the next run.
/// </summary>
public sealed class SlurmExecutorTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    // libtorch's sums depend on its thread count: jobs get every CPU, as the local run below has, so networks match bit for bit.
    private static readonly string AllCpus = $"{{default: {{cpus: {Environment.ProcessorCount}}}}}";
    private readonly HmmRoot root = new();
    private readonly HmmRoot local = new(AllCpus);

    public void Dispose()
    {
        root.Dispose();
        local.Dispose();
    }

    // The CLI copied next to the tests (with its runtimeconfig), so the tests do not depend on a Release build of the harness.
    private static StageCommand Cli() => StageCommand.At(Path.Combine(AppContext.BaseDirectory, "reproduce.dll"));

    private static (Workspace Workspace, SlurmExecutor Executor) Open(string path, ISlurmClient slurm, bool detach = false, StageCommand? cli = null)
    {
        var ws = Workspace.Open(new WorkspaceOptions(path, null, null));
        return (ws, new SlurmExecutor(ws, slurm, cli ?? Cli(), new NoProgress(), new ExecutionOptions(ExecutionOptions.Slurm, detach, Poll)));
    }

    [SlurmFact]
    public async Task StagesRunAsJobsInDependencyOrderAndMatchTheLocalExecutor()
    {
        root.Resources(AllCpus);
        var (ws, executor) = Open(root.Path, new SlurmCommands());
        var report = await executor.ExecuteAsync(SlurmStages.Spine(ws.Graph));
        Assert.Empty(report.Failures);
        Assert.Equal(3, report.Submitted);
        Assert.All(ws.Inspect().Where(s => s.Stage.Kind is StageKinds.Data or StageKinds.Train), s => Assert.Equal(StageState.Done, s.State));

        foreach (var stage in SlurmStages.Spine(ws.Graph))
            Assert.Single(Directory.GetFiles(SlurmJobMarker.Folder(ws.Cache, stage), "slurm-*.log"));

        AssertSameAsLocal(ws, local.Path, null);
        var again = await executor.ExecuteAsync(SlurmStages.Spine(ws.Graph));
        Assert.Equal((0, 0, 0), (again.Submitted, again.Pending, again.Failures.Count));
    }

    [SlurmFact(NeedsStoredMnist = true)]
    public async Task SmokeProfileRunsOnSlurmAsItRunsLocally()
    {
        // The shipped spec, its smoke profile, the stored MNIST: what CI runs with --executor slurm.
        foreach (var r in new[] { root.Path, local.Path })
        {
            File.WriteAllText(Path.Combine(r, "specs", "hmm.yaml"),
                File.ReadAllText(Path.Combine(RepoRoot.Find(), "specs", "mlp-mnist.yaml")) + $"\nresources: {AllCpus}\n");
            Directory.CreateDirectory(Path.Combine(r, "artifacts"));
            Directory.CreateSymbolicLink(Path.Combine(r, "artifacts", "data"), SlurmFactAttribute.StoredData);
        }
        var ws = Workspace.Open(new WorkspaceOptions(root.Path, "smoke", null));
        var slurm = new SlurmCommands();
        var executor = new SlurmExecutor(ws, slurm, Cli(), new NoProgress(), new ExecutionOptions(ExecutionOptions.Slurm, false, Poll));

        // Kill the first training job while it trains: it leaves no result, and the next run submits it alone again.
        var first = executor.Submit(SlurmStages.Spine(ws.Graph));
        Assert.Equal(SlurmStages.Spine(ws.Graph).Count, first.Submitted.Count);
        var seed1 = ws.Graph.Stages.Single(s => s.Id == "train/mlp-mnist/sgd/seed1");
        await WaitFor(() => slurm.Queue().TryGetValue(first.Jobs[seed1.Key], out var j) && j.State == "RUNNING");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        slurm.Cancel(first.Jobs[seed1.Key]);
        await WaitFor(() => !slurm.Queue().TryGetValue(first.Jobs[seed1.Key], out var j) || !j.Active);
        Assert.Equal(StageState.Missing, ws.Cache.Inspect(seed1, out _));

        var report = await executor.ExecuteAsync(SlurmStages.Spine(ws.Graph));

        Assert.Empty(report.Failures);
        Assert.Equal(1, report.Submitted);
        AssertSameAsLocal(ws, local.Path, "smoke");
        Assert.Equal(0, (await executor.ExecuteAsync(SlurmStages.Spine(ws.Graph))).Submitted);
    }

    /// <summary>
    /// Runs the same specs in process under <paramref name="localRoot"/>, one stage at a time on every CPU (as each job
    /// ran), and checks every stage's result and every trained network, bit for bit.
    /// </summary>
    private static void AssertSameAsLocal(Workspace ws, string localRoot, string? profile)
    {
        using (var session = Session.Start(new WorkspaceOptions(localRoot, profile, null, Jobs: 1), ExecutionOptions.InProcessOnly))
            Assert.Equal(0, session.RunAll(SlurmStages.Spine(session.Workspace.Graph)));
        var there = Workspace.Open(new WorkspaceOptions(localRoot, profile, null));
        Assert.Equal(SlurmStages.Spine(ws.Graph).Select(s => s.Key), SlurmStages.Spine(there.Graph).Select(s => s.Key));
        foreach (var stage in SlurmStages.Spine(ws.Graph))
        {
            var (a, b) = (ws.Cache.ReadManifest(stage), there.Cache.ReadManifest(there.Graph[stage.Key]));
            Assert.Equal(Untimed(b.Result), Untimed(a.Result));
            if (stage.Kind == StageKinds.Train) Assert.Equal(b.Outputs["network.safetensors"], a.Outputs["network.safetensors"]);
        }
        // Each stage started after its inputs had committed.
        foreach (var stage in SlurmStages.Spine(ws.Graph))
        foreach (var input in stage.Inputs)
            Assert.True(Time(ws, stage, "started") >= Time(ws, ws.Graph[input], "finished"), $"{stage.Id} started before {ws.Graph[input].Id} finished");
    }

    [SlurmFact]
    public async Task QueuedStagesAreNotSubmittedTwiceAndACancelledJobIsSubmittedAgain()
    {
        var slurm = new HoldingSlurm(new SlurmCommands()) { Hold = true };
        var (ws, executor) = Open(root.Path, slurm, detach: true);
        var first = executor.Submit(SlurmStages.Spine(ws.Graph));
        Assert.Equal(3, first.Submitted.Count);

        var second = executor.Submit(SlurmStages.Spine(ws.Graph));
        Assert.Empty(second.Submitted);
        Assert.Equal(first.Jobs, second.Jobs);

        var seed1 = ws.Graph.Stages.Single(s => s.Id.EndsWith("seed1", StringComparison.Ordinal));
        slurm.Cancel(first.Jobs[seed1.Key]);
        slurm.Hold = false;
        Release(first.Jobs.Values.Where(id => id != first.Jobs[seed1.Key]));

        var (_, follow) = Open(root.Path, slurm);
        var report = await follow.ExecuteAsync(SlurmStages.Spine(ws.Graph));
        Assert.Empty(report.Failures);
        Assert.Equal(1, report.Submitted);
        Assert.All(ws.Inspect().Where(s => s.Stage.Kind is StageKinds.Data or StageKinds.Train), s => Assert.Equal(StageState.Done, s.State));
        Assert.NotEqual(first.Jobs[seed1.Key], SlurmJobMarker.Read(ws.Cache, seed1)!.JobId);
    }

    [SlurmFact]
    public async Task AFailedJobReportsItsLogSkipsItsDependentsAndLeavesNoResult()
    {
        var failing = Path.Combine(root.Path, "fail.sh");
        // A "CLI" that fails: the job runs `sh fail.sh stage run KIND KEY ...`.
        File.WriteAllText(failing, "echo \"boom: $3 $4\" >&2\nexit 3\n");
        var (ws, executor) = Open(root.Path, new SlurmCommands(), cli: StageCommand.At(failing, "/bin/sh"));

        var report = await executor.ExecuteAsync(SlurmStages.Spine(ws.Graph));

        var data = ws.Graph.Stages.Single(s => s.Kind == StageKinds.Data);
        Assert.Equal(3, report.Failures.Count);
        var failed = report.Failures.Single(f => f.Stage == data).Message;
        Assert.Contains("FAILED", failed);
        Assert.Contains($"boom: {data.Kind} {data.Key}", failed);
        Assert.All(report.Failures.Where(f => f.Stage != data), f => Assert.Contains("not run, an input stage failed", f.Message));
        Assert.All(ws.Inspect().Where(s => s.Stage.Kind is StageKinds.Data or StageKinds.Train), s => Assert.Equal(StageState.Missing, s.State));

        // The next run, with a working CLI, submits exactly what is missing: everything.
        var (_, fixedRun) = Open(root.Path, new SlurmCommands());
        var rerun = await fixedRun.ExecuteAsync(SlurmStages.Spine(ws.Graph));
        Assert.Empty(rerun.Failures);
        Assert.Equal(3, rerun.Submitted);
    }

    /// <summary>
    /// Waits for a job's state. Up to 10 minutes: the jobs ahead of it in the queue (three RSGD trainings before the SGD
    /// seed 1 this test kills, one at a time on 2 CPUs) take minutes on a loaded machine.
    /// </summary>
    private static async Task WaitFor(Func<bool> condition)
    {
        for (var deadline = DateTime.UtcNow.AddMinutes(10); !condition(); await Task.Delay(200))
            Assert.True(DateTime.UtcNow < deadline, "waited 10 min for a job's state");
    }

    private static DateTimeOffset Time(Workspace ws, Stage stage, string field) =>
        DateTimeOffset.Parse((string)ws.Cache.ReadManifest(stage).Provenance[field]!, System.Globalization.CultureInfo.InvariantCulture);

    private static string Untimed(JsonObject result) =>
        new JsonObject(result.Where(p => !p.Key.Contains("seconds", StringComparison.Ordinal)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())))
            .ToJsonString();

    private static void Release(IEnumerable<string> ids)
    {
        using var p = Process.Start("scontrol", ["release", string.Join(',', ids)]);
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }
}
