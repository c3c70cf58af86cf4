using System.Collections.Concurrent;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Planning;
using Serilog;

namespace Reproduce.Harness.Stages;

/// <summary>
/// Runs stages in process: skips those the cache holds, runs the rest with their registered runner, and commits each
/// through the cache. The same stage asked for twice (by two targets or two threads) runs once; a lock file
/// (<see cref="StageLock"/>) keeps two processes from computing the same key at once: the second waits and takes the
/// first one's result.
/// </summary>
/// <param name="graph">The planned stages.</param>
/// <param name="cache">Where results live.</param>
/// <param name="dataDirectory">The data cache.</param>
/// <param name="runners">One runner per stage kind.</param>
/// <param name="progress">Where running stages show progress.</param>
/// <param name="jobs">Stages run at once.</param>
/// <param name="device">cpu, cuda or auto over the stages' own device setting (not part of their keys); null: theirs.</param>
/// <param name="threads">libtorch's intra-op threads (the bits of its reductions depend on it); null: max(1, cores / jobs).</param>
/// <param name="skips">What the session skips (shared with the other executors and the report); null: a new ledger.</param>
/// <param name="lockedByCaller">True in a worker process: the run that started it holds the stage's lock for it.</param>
public sealed class StageExecutor(StageGraph graph, StageCache cache, string dataDirectory, IReadOnlyList<IStageRunner> runners,
    IProgressSink progress, int jobs = 1, string? device = null, int? threads = null, SkipLedger? skips = null, bool lockedByCaller = false)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<StageManifest>>> running = new();
    private readonly int jobs = Math.Max(1, jobs);
    private readonly int threads = threads ?? ThreadCount.PerJob(jobs);
    private static readonly object threadsLock = new();
    private int productsLogged;

    /// <summary>The graph this executor runs.</summary>
    public StageGraph Graph { get; } = graph;

    /// <summary>What this session skips: stages (key → why) whose data set cannot be had here, or whose input was skipped.</summary>
    public SkipLedger Skips { get; } = skips ?? new SkipLedger();

    /// <summary>Stages skipped in this session (key → why): their data set cannot be had here, or an input was skipped.</summary>
    public IReadOnlyDictionary<string, string> Skipped => Skips.Stages;

    /// <summary>libtorch's intra-op threads while stages run here.</summary>
    public int Threads => threads;

    /// <summary>Runs <paramref name="stage"/> (its inputs must be done), or returns its cached manifest.</summary>
    public Task<StageManifest> RunAsync(Stage stage, CancellationToken cancel = default) =>
        running.GetOrAdd(stage.Key, _ => new Lazy<Task<StageManifest>>(() => Task.Run(() => Execute(stage, cancel), cancel))).Value;

    /// <summary>
    /// Runs every stage of <paramref name="stages"/> and what they need, at most <c>jobs</c> at once.
    /// A failed stage fails its dependents; independent stages still run. A skipped stage (<see cref="StageSkippedException"/>)
    /// skips its dependents and is no failure. Returns the failures (empty when all done or skipped).
    /// </summary>
    public async Task<IReadOnlyList<(Stage Stage, Exception Error)>> RunAllAsync(IEnumerable<Stage> stages, CancellationToken cancel = default)
    {
        var order = Graph.Closure(stages.Select(s => s.Key));
        using var slots = new SemaphoreSlim(jobs);
        var tasks = new Dictionary<string, Task>();
        var failures = new ConcurrentBag<(Stage, Exception)>();
        foreach (var stage in order)
        {
            var inputs = stage.Inputs.Select(k => tasks[k]).ToArray();
            tasks[stage.Key] = Task.Run(async () =>
            {
                try { await Task.WhenAll(inputs); }
                catch when (inputs.All(t => t.IsCompletedSuccessfully || t.Exception?.InnerException is StageSkippedException))
                {
                    throw Skips.Skip(stage, Skips.ReasonFor(stage)!);
                }
                catch
                {
                    var notRun = new StageFailedException($"{stage.Id}: not run, an input stage failed") { InputFailed = true };
                    failures.Add((stage, notRun));
                    throw notRun;
                }
                await slots.WaitAsync(cancel);
                try { await RunAsync(stage, cancel); }
                catch (StageSkippedException) { throw; }
                catch (Exception e)
                {
                    failures.Add((stage, e));
                    throw;
                }
                finally { slots.Release(); }
            }, cancel);
        }
        try { await Task.WhenAll(tasks.Values); }
        catch { /* collected per stage in failures */ }
        return failures.ToList();
    }

    private async Task<StageManifest> Execute(Stage stage, CancellationToken cancel)
    {
        var state = cache.Inspect(stage, out var problem);
        if (state == StageState.Done) return cache.ReadManifest(stage);
        if (state == StageState.Corrupt) Log.Warning("{Stage}: cached result is corrupt ({Problem}); running it again", stage.Id, problem);

        if (Skips.ReasonFor(stage) is { } reason) throw Skips.Skip(stage, reason);
        var inputs = new List<StageInput>();
        foreach (var key in stage.Inputs)
        {
            var input = Graph[key];
            var manifest = cache.Inspect(input, out var why) == StageState.Done ? cache.ReadManifest(input)
                : throw new StageFailedException($"{stage.Id}: input {input.Id} is not done ({why ?? "missing"})");
            inputs.Add(new StageInput(input, manifest, cache.Folder(input)));
        }
        var runner = runners.FirstOrDefault(r => r.Kind == stage.Kind)
                     ?? throw new StageFailedException($"{stage.Id}: no runner for stage kind '{stage.Kind}'");

        // Another process computing this key: wait for it, then take its result (or compute it if that process died first).
        using (lockedByCaller ? null : await StageLock.AcquireAsync(cache, stage, cancel))
        {
            if (cache.Inspect(stage, out _) == StageState.Done)
            {
                Log.Information("{Stage}: done by another process; taking its result", stage.Id);
                return cache.ReadManifest(stage);
            }
            FailureInjection.Check(stage);
            // Stages running at once share libtorch's intra-op pool. Set when a stage really runs (a run served from the
            // cache never loads libtorch), and again before every stage: the count is one setting for the whole process, and
            // another executor in it (a test beside this one, a session in a host) may have set its own since.
            lock (threadsLock)
                if (TorchSharp.torch.get_num_threads() != threads) TorchSharp.torch.set_num_threads(threads);
            var folder = cache.Prepare(stage);
            var log = Log.ForContext("Stage", stage.Id).ForContext("Key", stage.Key);
            using var bar = progress.Start(stage);
            var started = DateTimeOffset.Now;
            log.Information("{Stage}: running ({Kind} {Key})", stage.Id, stage.Kind, stage.Key);
            StageOutcome outcome;
            try
            {
                outcome = await runner.RunAsync(new StageRunContext(stage, folder, inputs, dataDirectory, bar, log, cancel) { Device = device });
            }
            catch (Data.DataUnavailableException e)
            {
                throw Skips.Skip(stage, Skips.Unavailable(SkipLedger.StoredDataset(stage) ?? e.Dataset, e));
            }
            catch (Exception e) when (e is not OperationCanceledException and not StageFailedException)
            {
                throw new StageFailedException($"{stage.Id}: {e.Message}", e);
            }
            var finished = DateTimeOffset.Now;
            if (Core.Numerics.MatrixProducts.Chosen is { } products && Interlocked.Exchange(ref productsLogged, 1) == 0)
                log.Information("Linear layers' matrix products run through {Route} ({Reason}; OpenBLAS core {Core})",
                    products.RouteName, products.Reason, products.OpenBlasCore ?? "none");
            var manifest = cache.Commit(stage, outcome.Outputs, outcome.Result, Provenance.Of(started, finished));
            log.Information("{Stage}: done in {Seconds:F1} s", stage.Id, (finished - started).TotalSeconds);
            return manifest;
        }
    }
}
