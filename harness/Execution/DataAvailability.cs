using Reproduce.Harness.Cache;
using Reproduce.Harness.Data;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;

namespace Reproduce.Harness.Execution;

/// <summary>
/// Decides, before any stage runs or is submitted, which stages cannot run here: every stored data set that a data stage
/// of the run needs and the cache does not hold is fetched (or verified) once; one that cannot be had skips its data
/// stages and everything downstream, with the reason, in the session's <see cref="SkipLedger"/>. Every executor
/// (in-process, worker processes, Slurm) calls it first, so they skip the same stages for the same reason and never
/// submit a stage that cannot run. A skip is no failure.
/// </summary>
/// <param name="cache">The stage cache (a data stage it holds is not checked again).</param>
/// <param name="dataDirectory">The data cache.</param>
/// <param name="skips">The session's ledger, written here.</param>
/// <param name="fetcher">Fetches and verifies data sets; null: the default sources over the network.</param>
public sealed class DataAvailability(StageCache cache, string dataDirectory, SkipLedger skips, DataFetcher? fetcher = null)
{
    private readonly DataFetcher fetcher = fetcher ?? new DataFetcher();

    /// <summary>The ledger decisions are written to.</summary>
    public SkipLedger Skips => skips;

    /// <summary>
    /// Checks the data sets of <paramref name="closure"/> (stages in dependency order) and returns the keys of the stages
    /// among them that are skipped, with why.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> DecideAsync(IReadOnlyList<Stage> closure, CancellationToken cancel = default)
    {
        var checkedSets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in closure)
        {
            if (SkipLedger.StoredDataset(stage) is not { } stored || checkedSets.Contains(stored)) continue;
            if (skips.ReasonFor(stage) is not null || cache.Inspect(stage, out _) == StageState.Done) continue;
            checkedSets.Add(stored);
            try { await fetcher.EnsureAsync(stored, dataDirectory, cancel); }
            catch (DataUnavailableException e) { skips.Unavailable(stored, e); }
        }
        var skipped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stage in closure)
        {
            // A data stage the cache holds stays done even when its source is gone now (its files are verified copies).
            if (stage.Kind == StageKinds.Data && skips.Stages.GetValueOrDefault(stage.Key) is null && cache.Inspect(stage, out _) == StageState.Done)
                continue;
            if (skips.ReasonFor(stage) is { } why) skipped[stage.Key] = skips.Skip(stage, why).Message;
        }
        return skipped;
    }
}
