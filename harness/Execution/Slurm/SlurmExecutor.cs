using Reproduce.Core.IO;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Runs;
using Reproduce.Harness.Specs;
using Reproduce.Harness.Stages;
using Serilog;

namespace Reproduce.Harness.Execution.Slurm;

/// <summary>
/// Runs the stage graph as Slurm jobs, one per stage that is not cached, each running the built CLI's
/// <c>reproduce stage run KIND KEY</c> on a node that sees the repository and the cache. The graph is submitted in one
/// pass, upstream first, each job with <c>--dependency=afterok:</c> on its inputs' jobs and the resources its spec asks
/// for its kind; a stage whose last job is still queued or running is not submitted again. Then it returns
/// (<c>--detach</c>) or follows the jobs to their end (<see cref="JobFollower"/>). A failed or cancelled job leaves no
/// manifest, so the next call submits exactly what is missing. Before submitting, it decides which data sets can be had
/// (<see cref="DataAvailability"/>, as every executor does): the stages of one that cannot are not submitted, and are
/// reported as skipped with the reason, not as failures.
/// </summary>
public sealed class SlurmExecutor(Workspace workspace, ISlurmClient slurm, StageCommand command, IProgressSink progress,
    ExecutionOptions options, DataAvailability? availability = null) : IExecutor
{
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(2);

    private readonly DataAvailability availability = availability ?? new DataAvailability(workspace.Cache, workspace.DataDirectory, new SkipLedger());

    /// <inheritdoc />
    public async Task<ExecutionReport> ExecuteAsync(IReadOnlyList<Stage> stages, CancellationToken cancel = default)
    {
        if (!slurm.Responds(out var why)) throw new SlurmException($"Slurm does not answer: {why}");
        var submission = Submit(stages);
        Log.Information("Slurm: {Submitted} job(s) submitted, {Reused} already queued or running, {Done} stage(s) cached, {Skipped} skipped",
            submission.Submitted.Count, submission.Reused, submission.Stages.Count - submission.Jobs.Count - submission.Skipped.Count,
            submission.Skipped.Count);
        if (options.Detach || submission.Jobs.Count == 0)
        {
            if (submission.Jobs.Count > 0) Log.Information("Slurm: detached; follow with `squeue`, rerun the same command to see the outcome");
            return new ExecutionReport(submission.Stages.Count, [], submission.Submitted.Count, submission.Jobs.Count) { Skipped = submission.Skipped };
        }
        var follower = new JobFollower(workspace.Cache, slurm, progress, options.Poll ?? TimeSpan.FromSeconds(5));
        var failures = await follower.FollowAsync(submission, cancel);
        return new ExecutionReport(submission.Stages.Count, failures, submission.Submitted.Count) { Skipped = submission.Skipped };
    }

    /// <summary>
    /// Submits every stage of <paramref name="stages"/> (and what they need) that is neither done, nor queued, nor skipped
    /// (its data set cannot be had here, or an input is skipped), in one pass. Holds <c>&lt;cache&gt;/.slurm-submit.lock</c>
    /// meanwhile, so two submitters never both submit a stage.
    /// </summary>
    public SlurmSubmission Submit(IReadOnlyList<Stage> stages)
    {
        var cache = workspace.Cache;
        var all = workspace.Graph.Closure(stages.Select(s => s.Key));
        var skipped = availability.DecideAsync(all).GetAwaiter().GetResult();
        using var held = SubmitLock(cache);
        var queue = slurm.Queue();
        var jobs = new Dictionary<string, string>(StringComparer.Ordinal);
        var submitted = new List<string>();
        foreach (var stage in all)
        {
            if (skipped.ContainsKey(stage.Key) || cache.Inspect(stage, out _) == StageState.Done) continue;
            var marker = SlurmJobMarker.Read(cache, stage);
            if (marker is not null && queue.TryGetValue(marker.JobId, out var queued) && queued.Active && queued.Name == stage.Id)
            {
                jobs[stage.Key] = marker.JobId;
                Log.Information("{Stage}: job {Job} is already {State}; not submitted again", stage.Id, marker.JobId, queued.State);
                continue;
            }
            var after = stage.Inputs.Where(jobs.ContainsKey).Select(k => jobs[k]).Distinct().ToList();
            Directory.CreateDirectory(SlurmJobMarker.Folder(cache, stage));
            var args = SbatchArguments.For(stage, Resources(stage), after,
                SlurmJobMarker.LogPath(cache, stage, "%j"), workspace.Root, command.For(stage, workspace.Options, workspace.Root));
            var id = slurm.Submit(args);
            new SlurmJobMarker(id, stage.Id, DateTimeOffset.UtcNow).Write(cache, stage);
            jobs[stage.Key] = id;
            submitted.Add(stage.Key);
            Log.Information("{Stage}: submitted job {Job}{After}", stage.Id, id, after.Count > 0 ? $" (after {string.Join(", ", after)})" : "");
        }
        return new SlurmSubmission(all, jobs, submitted) { Skipped = skipped };
    }

    /// <summary>The resources of <paramref name="stage"/>'s kind in the first spec that needs it and asks for any.</summary>
    public ResourceSpec Resources(Stage stage)
    {
        foreach (var name in stage.Experiments)
        {
            var spec = workspace.Specs.FirstOrDefault(s => s.Name == name);
            if (spec is not null && spec.Resources.TryGetValue(stage.Kind, out var r) && !r.AsksNothing) return r;
        }
        return ResourceSpec.None;
    }

    private static FileStream SubmitLock(StageCache cache)
    {
        var path = Path.Combine(cache.Root, ".slurm-submit.lock");
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            if (FileLock.TryTake(path) is { } held) return held;
            if (DateTime.UtcNow >= deadline)
                throw new SlurmException($"another submission holds {path} for more than {LockWait.TotalMinutes:F0} min; is one still running?");
            Thread.Sleep(500);
        }
    }
}
