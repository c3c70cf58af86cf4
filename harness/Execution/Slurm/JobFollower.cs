using Reproduce.Harness.Cache;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;
using Serilog;

namespace Reproduce.Harness.Execution.Slurm;

/// <summary>
/// Follows submitted jobs until each has ended: a progress line per job (its state, how long it has waited or run), a
/// log line at each change of state, and, for every stage that did not finish, its job's state and its log's last lines.
/// A job that left the queue counts as done only when its stage's manifest is in the cache.
/// </summary>
public sealed class JobFollower(StageCache cache, ISlurmClient slurm, IProgressSink progress, TimeSpan poll)
{
    /// <summary>Lines of a failed job's log that the report shows.</summary>
    public const int TailLines = 15;

    /// <summary>Waits for every job of <paramref name="submission"/>; returns the stages that did not finish.</summary>
    public async Task<IReadOnlyList<StageFailure>> FollowAsync(SlurmSubmission submission, CancellationToken cancel)
    {
        var open = submission.Stages.Where(s => submission.Jobs.ContainsKey(s.Key))
            .ToDictionary(s => s.Key, s => new Followed(s, submission.Jobs[s.Key], progress.Start(s)));
        var failures = new List<StageFailure>();
        try
        {
            while (open.Count > 0)
            {
                var queue = slurm.Queue();
                foreach (var f in open.Values.ToList())
                {
                    if (queue.TryGetValue(f.JobId, out var job) && job.Active)
                    {
                        f.Update(job);
                        continue;
                    }
                    open.Remove(f.Stage.Key);
                    f.Bar.Dispose();
                    var failure = Ended(f, job);
                    if (failure is not null) failures.Add(failure);
                }
                if (open.Count > 0) await Task.Delay(poll, cancel);
            }
        }
        finally
        {
            foreach (var f in open.Values) f.Bar.Dispose();
        }
        var done = submission.Jobs.Count - failures.Count;
        Log.Information("Slurm: {Done} job(s) done, {Failed} failed", done, failures.Count);
        return failures;
    }

    private StageFailure? Ended(Followed f, SlurmJob? listed)
    {
        if (cache.Inspect(f.Stage, out _) == StageState.Done)
        {
            Log.Information("{Stage}: job {Job} done", f.Stage.Id, f.JobId);
            return null;
        }
        var job = slurm.Show(f.JobId) ?? listed;
        var state = job is null ? "ended" : job.State + (job.Reason.Length > 0 ? $" ({job.Reason})" : "")
                                            + (job.ExitCode is { Length: > 0 } and not "0:0" ? $", exit {job.ExitCode}" : "");
        if (job?.Reason == "DependencyNeverSatisfied")
        {
            Log.Warning("{Stage}: job {Job} not run, an input stage failed", f.Stage.Id, f.JobId);
            return new StageFailure(f.Stage, $"{f.Stage.Id}: job {f.JobId} not run, an input stage failed", Root: false);
        }
        // The report at the end (CLI, build) shows the log's last lines; here only the change of state.
        var log = SlurmJobMarker.LogPath(cache, f.Stage, f.JobId);
        Log.Warning("{Stage}: job {Job} {State} without a result", f.Stage.Id, f.JobId, state);
        return new StageFailure(f.Stage, $"{f.Stage.Id}: job {f.JobId} {state} without a result; last lines of {log}:\n{Tail(log)}");
    }

    /// <summary>The last <see cref="TailLines"/> lines of <paramref name="path"/>, indented (or why there are none).</summary>
    public static string Tail(string path)
    {
        if (!File.Exists(path)) return "    (no log: the job did not start)";
        var lines = File.ReadAllLines(path);
        return lines.Length == 0 ? "    (empty log)" : string.Join('\n', lines.TakeLast(TailLines).Select(l => "    " + l));
    }

    private sealed class Followed(Stage stage, string jobId, IStageProgressHandle bar)
    {
        private readonly DateTime since = DateTime.UtcNow;
        private string state = "";

        public Stage Stage { get; } = stage;
        public string JobId { get; } = jobId;
        public IStageProgressHandle Bar { get; } = bar;

        public void Update(SlurmJob job)
        {
            if (job.State != state)
            {
                Log.Information("{Stage}: job {Job} {State}{Reason}", Stage.Id, JobId, job.State, job.Reason.Length > 0 ? $" ({job.Reason})" : "");
                state = job.State;
            }
            var waited = DateTime.UtcNow - since;
            Bar.Report(job.State == "RUNNING" ? 0.5 : 0, $"job {JobId} {job.State} {waited:mm\\:ss}");
        }
    }
}
