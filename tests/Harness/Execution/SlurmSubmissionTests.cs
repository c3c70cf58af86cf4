using Reproduce.Harness.Data;
using Reproduce.Harness.Execution;
using Reproduce.Harness.Execution.Slurm;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Runs;
using Reproduce.Harness.Stages;
using Reproduce.Tests.Harness.Data;
using Xunit;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>The Slurm executor's submission pass against a fake Slurm: what it submits, with which options, and what it does not submit again.</summary>
public sealed class SlurmSubmissionTests : IDisposable
{
    private readonly HmmRoot root = new(
        "{default: {cpus: 1, memory: 1G, time: \"10\"}, train: {cpus: 2, gpus: 1, partition: gpu, account: lab, sbatch: \"--qos=high --exclusive\"}}");

    private readonly FakeSlurm slurm = new();

    public void Dispose() => root.Dispose();

    private (Workspace Workspace, SlurmExecutor Executor) Open()
    {
        var ws = Workspace.Open(new WorkspaceOptions(root.Path, null, null));
        var command = StageCommand.At("/opt/reproduce/reproduce.dll", "/usr/bin/dotnet");
        return (ws, new SlurmExecutor(ws, slurm, command, new NoProgress(), new ExecutionOptions(ExecutionOptions.Slurm, Detach: true)));
    }

    [Fact]
    public void EachStageIsSubmittedOnceAfterTheJobsOfItsInputs()
    {
        var (ws, executor) = Open();
        var submission = executor.Submit(SlurmStages.Spine(ws.Graph));

        Assert.Equal(3, submission.Submitted.Count);
        Assert.Equal(SlurmStages.Spine(ws.Graph).Select(s => $"--job-name={s.Id}"), slurm.Submissions.Select(a => a[0]));
        var data = ws.Graph.Stages.Single(s => s.Kind == "data");
        Assert.DoesNotContain(slurm.Submissions[0], a => a.StartsWith("--dependency", StringComparison.Ordinal));
        foreach (var train in slurm.Submissions.Skip(1))
        {
            Assert.Contains($"--dependency=afterok:{submission.Jobs[data.Key]}", train);
            Assert.Contains("--kill-on-invalid-dep=yes", train);
        }
        foreach (var (stage, args) in SlurmStages.Spine(ws.Graph).Zip(slurm.Submissions))
        {
            Assert.Contains($"--output={Path.Combine(ws.Cache.Folder(stage), "slurm", "slurm-%j.log")}", args);
            Assert.Contains($"--chdir={root.Path}", args);
            Assert.EndsWith($"exec /usr/bin/dotnet /opt/reproduce/reproduce.dll stage run {stage.Kind} {stage.Key} --root {root.Path} --profile base",
                args[^1]);
            Assert.Equal(submission.Jobs[stage.Key], SlurmJobMarker.Read(ws.Cache, stage)!.JobId);
        }
    }

    [Fact]
    public void ThreadsPerJobReachTheJobsOnlyWhenGiven()
    {
        var (ws, _) = Open();
        var stage = ws.Graph.Stages[0];
        var command = StageCommand.At("/opt/reproduce/reproduce.dll", "/usr/bin/dotnet");
        Assert.DoesNotContain("--threads-per-job", command.Arguments(stage, ws.Options, root.Path));
        Assert.EndsWith("--profile base --threads-per-job 3", string.Join(' ', command.Arguments(stage, ws.Options with { Threads = 3 }, root.Path)));
    }

    [Fact]
    public void ResourcesOfAKindOverrideTheDefaultFieldByField()
    {
        var (ws, executor) = Open();
        executor.Submit(SlurmStages.Spine(ws.Graph));

        Assert.Equal(["--cpus-per-task=1", "--mem=1G", "--time=10"], slurm.Submissions[0].Where(IsResource));
        Assert.Equal(["--cpus-per-task=2", "--mem=1G", "--gpus=1", "--time=10", "--partition=gpu", "--account=lab", "--qos=high", "--exclusive"],
            slurm.Submissions[1].Where(IsResource));
        return;

        static bool IsResource(string a) => !a.StartsWith("--job-name", StringComparison.Ordinal) && !a.StartsWith("--output", StringComparison.Ordinal)
            && !a.StartsWith("--chdir", StringComparison.Ordinal) && !a.StartsWith("--dependency", StringComparison.Ordinal)
            && !a.StartsWith("--kill-on", StringComparison.Ordinal) && !a.StartsWith("--wrap", StringComparison.Ordinal);
    }

    [Fact]
    public void AStageWhoseJobIsQueuedIsNotSubmittedAgain()
    {
        var (ws, executor) = Open();
        var first = executor.Submit(SlurmStages.Spine(ws.Graph));
        var second = executor.Submit(SlurmStages.Spine(ws.Graph));

        Assert.Empty(second.Submitted);
        Assert.Equal(3, second.Reused);
        Assert.Equal(first.Jobs, second.Jobs);
    }

    [Fact]
    public void AStageWhoseJobEndedWithoutAResultIsSubmittedAgainAfterTheQueuedInputs()
    {
        var (ws, executor) = Open();
        var first = executor.Submit(SlurmStages.Spine(ws.Graph));
        var data = ws.Graph.Stages.Single(s => s.Kind == "data");
        var seed1 = ws.Graph.Stages.Single(s => s.Id.EndsWith("seed1", StringComparison.Ordinal));
        slurm.Cancel(first.Jobs[seed1.Key]);

        var second = executor.Submit(SlurmStages.Spine(ws.Graph));

        Assert.Equal([seed1.Key], second.Submitted);
        Assert.NotEqual(first.Jobs[seed1.Key], second.Jobs[seed1.Key]);
        Assert.Contains($"--dependency=afterok:{first.Jobs[data.Key]}", slurm.Submissions[^1]);
    }

    [Fact]
    public void AnotherStagesJobUnderTheMarkersIdDoesNotCount()
    {
        var (ws, executor) = Open();
        var first = executor.Submit(SlurmStages.Spine(ws.Graph));
        var data = ws.Graph.Stages.Single(s => s.Kind == "data");
        // A controller that lost its state reuses ids: the id now names someone else's job.
        slurm.Jobs[first.Jobs[data.Key]] = new SlurmJob(first.Jobs[data.Key], "someone-else", "RUNNING");

        var second = executor.Submit(SlurmStages.Spine(ws.Graph));

        Assert.Contains(data.Key, second.Submitted);
    }

    [Fact]
    public async Task StagesWhoseDataSetCannotBeHadAreNotSubmittedAndAreSkippedNotFailed()
    {
        File.WriteAllText(Path.Combine(root.Path, "specs", "cifar.yaml"), """
            experiment: on-cifar
            data: {dataset: cifar10, train_subset: 100, test_subset: 100}
            network: {hidden: [8]}
            seeds: [1, 2]
            algorithms: {sgd: {epochs: 1}}
            """);
        var ws = Workspace.Open(new WorkspaceOptions(root.Path, null, null));
        // No source answers: CIFAR-10 cannot be had, whatever this machine's network.
        var offline = new DataAvailability(ws.Cache, ws.DataDirectory, new SkipLedger(), new DataFetcher(new FakeTransport()));
        var executor = new SlurmExecutor(ws, slurm, StageCommand.At("/opt/reproduce/reproduce.dll", "/usr/bin/dotnet"), new NoProgress(),
            new ExecutionOptions(ExecutionOptions.Slurm, Detach: true), offline);

        var report = await executor.ExecuteAsync(SlurmStages.Spine(ws.Graph));

        var cifar = SlurmStages.Spine(ws.Graph).Where(s => s.Experiments.Contains("on-cifar")).ToList();
        Assert.Equal(3, cifar.Count);
        Assert.Empty(report.Failures);
        Assert.Equal(cifar.Select(s => s.Key).Order(), report.Skipped.Keys.Order());
        Assert.All(report.Skipped.Values, why => Assert.Contains("data set cifar10 cannot be had here", why));
        Assert.Equal(SlurmStages.Spine(ws.Graph).Where(s => !cifar.Contains(s)).Select(s => $"--job-name={s.Id}"), slurm.Submissions.Select(a => a[0]));
        Assert.Equal(3, report.Submitted);
    }
}
