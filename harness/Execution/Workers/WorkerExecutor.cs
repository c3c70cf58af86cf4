using System.Collections.Concurrent;
using System.Globalization;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Data;
using Reproduce.Harness.Execution.Slurm;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Runs;
using Reproduce.Harness.Stages;
using Serilog;

namespace Reproduce.Harness.Execution.Workers;

/// <summary>
/// The default executor: every stage that is not cached runs in a worker process, the built CLI's
/// <c>reproduce stage serve … --threads-per-job T</c>, <c>--jobs</c> stages at once in dependency order, each with <c>T</c>
/// libtorch threads. A worker runs one stage at a time, as many as it is asked for (<see cref="WorkerPool"/>); it computes each
/// and commits it through the cache, and this process reads the manifest. A worker that fails, crashes, is killed or runs out
/// of memory fails only its stage (with its error, or its exit and the last lines of its log) and the stages that need it;
/// it is replaced, and the others still run. Before a stage goes to a worker, this process takes the stage's lock
/// (<see cref="StageLock"/>); a stage that another process holds is left for later, its slot given to another stage, and
/// its result is taken once committed.
/// </summary>
public sealed class WorkerExecutor : IExecutor
{
    /// <summary>Lines of a failed worker's log that its failure shows.</summary>
    public const int TailLines = JobFollower.TailLines;

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(2);

    /// <summary>The matrix-product route of this process, chosen once, logged, and given to every worker.</summary>
    private static readonly Lazy<string> ProductRoute = new(() =>
    {
        var c = Core.Numerics.MatrixProducts.Current;
        Log.Information("Linear layers' matrix products run through {Route} in every worker ({Reason}; OpenBLAS core {Core})",
            c.RouteName, c.Reason, c.OpenBlasCore ?? "none");
        return c.RouteName;
    });

    private readonly Workspace workspace;
    private readonly StageCommand cli;
    private readonly IProgressSink progress;
    private readonly DataAvailability availability;
    private readonly SemaphoreSlim slots;
    private readonly WorkerRecycling recycling;
    private readonly ConcurrentDictionary<string, Lazy<Task<Outcome>>> running = new(StringComparer.Ordinal);
    private int workersStarted;

    /// <summary>
    /// An executor over <paramref name="workspace"/> whose workers run <paramref name="cli"/> and are retired as
    /// <paramref name="recycling"/> says (default: <see cref="WorkerRecycling.Default"/>).
    /// </summary>
    public WorkerExecutor(Workspace workspace, StageCommand cli, IProgressSink progress, DataAvailability availability, WorkerRecycling? recycling = null)
    {
        this.workspace = workspace;
        this.cli = cli;
        this.progress = progress;
        this.availability = availability;
        this.recycling = recycling ?? WorkerRecycling.Default;
        Jobs = workspace.Options.JobCount;
        Threads = workspace.Options.ThreadsPerJob;
        slots = new SemaphoreSlim(Jobs);
    }

    /// <summary>Workers running at once.</summary>
    public int Jobs { get; }

    /// <summary>libtorch threads of each worker.</summary>
    public int Threads { get; }

    /// <summary>Worker processes this executor started so far.</summary>
    public int WorkersStarted => Volatile.Read(ref workersStarted);

    /// <summary>The log of the last worker of <paramref name="stage"/>: <c>&lt;stage folder&gt;/worker/worker.log</c>.</summary>
    public static string LogPath(StageCache cache, Stage stage) => Path.Combine(cache.Folder(stage), StageCache.WorkerFolder, "worker.log");

    /// <inheritdoc />
    public async Task<ExecutionReport> ExecuteAsync(IReadOnlyList<Stage> stages, CancellationToken cancel = default)
    {
        var all = workspace.Graph.Closure(stages.Select(s => s.Key));
        await availability.DecideAsync(all, cancel);
        var pool = Pool();
        var tasks = new Dictionary<string, Task<Outcome>>(StringComparer.Ordinal);
        await using (pool)
        {
            foreach (var stage in all) tasks[stage.Key] = Schedule(stage, stage.Inputs.Select(k => tasks[k]).ToArray(), pool, cancel);
            await Task.WhenAll(tasks.Values);
        }
        var failures = all.Select(s => (Stage: s, Outcome: tasks[s.Key].Result)).Where(x => x.Outcome.Failed)
            .Select(x => new StageFailure(x.Stage, x.Outcome.Message, x.Outcome.Root)).ToList();
        var skipped = all.Where(s => tasks[s.Key].Result.Skipped).ToDictionary(s => s.Key, s => tasks[s.Key].Result.Message, StringComparer.Ordinal);
        return new ExecutionReport(all.Count, failures) { Skipped = skipped };
    }

    /// <summary>The workers of one execution: <c>reproduce stage serve</c> over this run's root, profile, specs, device and threads.</summary>
    private WorkerPool Pool()
    {
        var threads = Threads.ToString(CultureInfo.InvariantCulture);
        var arguments = cli.ServeArguments(workspace.Options with { Threads = Threads }, workspace.Root);
        var environment = new Dictionary<string, string>
        {
            // The OpenMP and MKL pools libtorch starts with: no more threads than the worker is given.
            ["OMP_NUM_THREADS"] = threads,
            ["MKL_NUM_THREADS"] = threads,
            // The run's data folder, which may not be the default (WorkspaceOptions.DataDirectory): the data stages' keys
            // depend on it (a folder marked synthetic), so a worker planning with another folder would find no such stage.
            [DataCache.EnvironmentVariable] = workspace.DataDirectory,
            // Every worker takes the route this process chose: a measurement in each worker (REPRODUCE_MATMUL=auto) could
            // choose differently on a busy machine, and the route changes the bits (Core.Numerics.MatrixProducts).
            [Core.Numerics.MatrixProducts.Variable] = ProductRoute.Value,
        };
        return new WorkerPool(() =>
        {
            Interlocked.Increment(ref workersStarted);
            return WorkerProcess.Start(cli.Dotnet, arguments, workspace.Root, environment);
        }, recycling);
    }

    private async Task<Outcome> Schedule(Stage stage, Task<Outcome>[] inputs, WorkerPool pool, CancellationToken cancel)
    {
        var done = await Task.WhenAll(inputs);
        if (done.Any(o => o.Failed)) return Outcome.Fail($"{stage.Id}: not run, an input stage failed", root: false);
        // Skipped before it runs: decided by DataAvailability for this run's stages, or an input skipped.
        var why = done.FirstOrDefault(o => o.Skipped)?.Message ?? availability.Skips.Stages.GetValueOrDefault(stage.Key);
        if (why is not null) return Outcome.Skip(availability.Skips.Skip(stage, why).Message);
        return await running.GetOrAdd(stage.Key, _ => new Lazy<Task<Outcome>>(() => Run(stage, pool, cancel))).Value;
    }

    private async Task<Outcome> Run(Stage stage, WorkerPool pool, CancellationToken cancel)
    {
        var cache = workspace.Cache;
        var state = cache.Inspect(stage, out var problem);
        if (state == StageState.Done) return Outcome.Done;
        if (state == StageState.Corrupt) Log.Warning("{Stage}: cached result is corrupt ({Problem}); running it again", stage.Id, problem);
        var poll = FirstPoll;
        var told = false;
        while (true)
        {
            await slots.WaitAsync(cancel);
            try
            {
                using var held = StageLock.TryAcquire(cache, stage);
                if (held is not null)
                {
                    // Another process may have committed it since we looked.
                    if (cache.Inspect(stage, out _) == StageState.Done) return Taken(stage, told);
                    try { return await Launch(stage, pool, cancel); }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // The worker could not be started or followed (no dotnet, an unwritable log): the stage fails, the run goes on.
                        Log.Error("{Stage}: could not run a worker: {Error}", stage.Id, e.Message);
                        return Outcome.Fail($"{stage.Id}: could not run a worker ({e.Message})");
                    }
                }
            }
            finally
            {
                slots.Release();
            }
            if (cache.Inspect(stage, out _) == StageState.Done) return Taken(stage, told);
            if (!told) Log.Information("{Stage}: another process is computing it ({Lock} is locked); coming back to it", stage.Id, StageLock.PathOf(cache, stage));
            told = true;
            await Task.Delay(poll, cancel);
            poll = TimeSpan.FromTicks(Math.Min(MaxPoll.Ticks, poll.Ticks * 2));
        }
    }

    private static Outcome Taken(Stage stage, bool waited)
    {
        if (waited) Log.Information("{Stage}: done by another process; taking its result", stage.Id);
        return Outcome.Done;
    }

    private async Task<Outcome> Launch(Stage stage, WorkerPool pool, CancellationToken cancel)
    {
        var cache = workspace.Cache;
        var log = LogPath(cache, stage);
        WorkerOutcome end;
        using (var bar = progress.Start(stage))
            end = await pool.RunAsync(stage, log, bar, cancel);

        string? problem = null;
        switch (end.Report)
        {
            case { Kind: WorkerMessageKind.Done } when cache.Inspect(stage, out problem) == StageState.Done:
                return Outcome.Done;
            case { Kind: WorkerMessageKind.Skipped, Text: var why }:
                return Outcome.Skip(availability.Skips.Skip(stage, why).Message);
            case { Kind: WorkerMessageKind.Failed, Text: var error }:
                return Outcome.Fail(error);
        }
        var what = end.Report is not null
            ? $"worker {end.ProcessId} reported it done without a result ({problem ?? "no manifest"})"
            : $"worker {end.ProcessId} {end.Describe()}";
        Log.Error("{Stage}: {What}; its log: {Log}", stage.Id, what, log);
        return Outcome.Fail($"{stage.Id}: {what}; last lines of {log}:\n{JobFollower.Tail(log)}");
    }

    /// <summary>What became of one stage.</summary>
    private sealed record Outcome(bool Failed, bool Skipped, string Message, bool Root)
    {
        public static readonly Outcome Done = new(false, false, "", false);

        public static Outcome Fail(string message, bool root = true) => new(true, false, message, root);

        public static Outcome Skip(string why) => new(false, true, why, false);
    }
}
