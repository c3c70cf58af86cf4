using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Planning;
using Serilog;

namespace Reproduce.Harness.Stages;

/// <summary>
/// Runs stages in process: skips those the cache holds, runs the rest with their registered runner, and commits each
/// through the cache. The same stage asked for twice (by two targets or two threads) runs once; a lock file keeps two
/// processes from running the same key at once.
/// </summary>
/// <param name="graph">The planned stages.</param>
/// <param name="cache">Where results live.</param>
/// <param name="dataDirectory">The data cache.</param>
/// <param name="runners">One runner per stage kind.</param>
/// <param name="progress">Where running stages show progress.</param>
/// <param name="jobs">Stages run at once; libtorch's threads are shared equally among them.</param>
/// <param name="device">cpu, cuda or auto over the stages' own device setting (not part of their keys); null: theirs.</param>
public sealed class StageExecutor(StageGraph graph, StageCache cache, string dataDirectory, IReadOnlyList<IStageRunner> runners,
    IProgressSink progress, int jobs = 1, string? device = null)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<StageManifest>>> running = new();
    private readonly ConcurrentDictionary<string, string> skipped = new();
    private readonly ConcurrentDictionary<string, string> unavailable = new(); // stored data set name → why, once per session
    private readonly int jobs = Math.Max(1, jobs);
    private int threadsSet;

    /// <summary>The graph this executor runs.</summary>
    public StageGraph Graph { get; } = graph;

    /// <summary>Stages skipped in this session (key → why): their data set cannot be had here, or an input was skipped.</summary>
    public IReadOnlyDictionary<string, string> Skipped => skipped;

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
                    throw Skip(stage, stage.Inputs.Select(k => skipped.GetValueOrDefault(k)).First(r => r is not null)!);
                }
                catch
                {
                    var notRun = new StageFailedException($"{stage.Id}: not run, an input stage failed");
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

    private static string? StoredDataset(Stage stage) =>
        stage.Settings["dataset"] is JsonValue v ? Data.DataSources.StoredName((string)v!) : null;

    /// <summary>Records <paramref name="stage"/> as skipped for <paramref name="reason"/> (the first reason stays) and returns the exception to throw.</summary>
    private StageSkippedException Skip(Stage stage, string reason)
    {
        var why = skipped.GetOrAdd(stage.Key, reason);
        if (why == reason && stage.Kind == StageKinds.Data) Log.Warning("{Stage}: skipped, {Reason}; the experiments on it are skipped", stage.Id, reason);
        return new StageSkippedException(why);
    }

    private async Task<StageManifest> Execute(Stage stage, CancellationToken cancel)
    {
        var state = cache.Inspect(stage, out var problem);
        if (state == StageState.Done) return cache.ReadManifest(stage);
        if (state == StageState.Corrupt) Log.Warning("{Stage}: cached result is corrupt ({Problem}); running it again", stage.Id, problem);

        if (stage.Inputs.Select(k => skipped.GetValueOrDefault(k)).FirstOrDefault(r => r is not null) is { } reason)
            throw Skip(stage, reason);
        if (stage.Kind == StageKinds.Data && StoredDataset(stage) is { } stored && unavailable.TryGetValue(stored, out var known))
            throw Skip(stage, known);
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

        Directory.CreateDirectory(Path.Combine(cache.Root, stage.Kind));
        var lockPath = Path.Combine(cache.Root, stage.Kind, $"{stage.Key}.lock");
        FileStream held;
        try
        {
            held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            throw new StageFailedException($"{stage.Id}: another process is running this stage ({lockPath} is locked)");
        }
        using (held)
        {
            // Another process may have finished it while we waited.
            if (cache.Inspect(stage, out _) == StageState.Done) return cache.ReadManifest(stage);
            // Stages running at once share the cores: libtorch's intra-op pool gets an equal part each. Set on the first
            // stage that really runs, so a run served from the cache never loads libtorch.
            if (Interlocked.Exchange(ref threadsSet, 1) == 0)
                TorchSharp.torch.set_num_threads(Math.Max(1, Environment.ProcessorCount / jobs));
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
                // One line for the report; the log above has the fetcher's full account of each source it tried.
                var first = e.Message.Split(['(', ';'], 2)[0].Trim().TrimEnd(':', ',');
                var why = unavailable.GetOrAdd(StoredDataset(stage) ?? e.Dataset, $"data set {e.Dataset} cannot be had here ({first}; the log lists each source tried)");
                throw Skip(stage, why);
            }
            catch (Exception e) when (e is not OperationCanceledException and not StageFailedException)
            {
                throw new StageFailedException($"{stage.Id}: {e.Message}", e);
            }
            var finished = DateTimeOffset.Now;
            var manifest = cache.Commit(stage, outcome.Outputs, outcome.Result, Provenance.Of(started, finished));
            log.Information("{Stage}: done in {Seconds:F1} s", stage.Id, (finished - started).TotalSeconds);
            return manifest;
        }
    }
}
