using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Reproduce.Harness.Data;
using Reproduce.Harness.Planning;
using Serilog;

namespace Reproduce.Harness.Stages;

/// <summary>
/// What a session skips and why, shared by every executor of the session and read by the report: data sets that cannot
/// be had here (stored name → why, decided once per session) and the stages skipped for them (key → why). A stage is
/// skipped when it is the data stage of an unavailable data set or when one of its inputs was skipped; a skip is no
/// failure.
/// </summary>
public sealed class SkipLedger
{
    private readonly ConcurrentDictionary<string, string> stages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> datasets = new(StringComparer.Ordinal);

    /// <summary>Stages skipped in this session: key → why.</summary>
    public IReadOnlyDictionary<string, string> Stages => stages;

    /// <summary>
    /// Records that the stored data set <paramref name="stored"/> cannot be had; returns the reason kept (the first one
    /// recorded). <paramref name="error"/> is the fetcher's account; its first clause becomes the reason.
    /// </summary>
    public string Unavailable(string stored, DataUnavailableException error)
    {
        // One line for the report; the log has the fetcher's full account of each source it tried.
        var first = error.Message.Split(['(', ';'], 2)[0].Trim().TrimEnd(':', ',');
        return datasets.GetOrAdd(stored, $"data set {error.Dataset} cannot be had here ({first}; the log lists each source tried)");
    }

    /// <summary>Why <paramref name="stage"/> cannot run in this session, or null: its data set is unavailable, or an input was skipped.</summary>
    public string? ReasonFor(Stage stage)
    {
        if (stages.TryGetValue(stage.Key, out var known)) return known;
        if (stage.Inputs.Select(k => stages.GetValueOrDefault(k)).FirstOrDefault(r => r is not null) is { } input) return input;
        return StoredDataset(stage) is { } stored && datasets.TryGetValue(stored, out var why) ? why : null;
    }

    /// <summary>Records <paramref name="stage"/> as skipped for <paramref name="reason"/> (the first reason stays) and returns the exception to throw.</summary>
    public StageSkippedException Skip(Stage stage, string reason)
    {
        if (stages.TryAdd(stage.Key, reason) && stage.Kind == StageKinds.Data)
            Log.Warning("{Stage}: skipped, {Reason}; the experiments on it are skipped", stage.Id, reason);
        return new StageSkippedException(stages[stage.Key]);
    }

    /// <summary>The stored data set a data stage reads (null for generated data and for other kinds).</summary>
    public static string? StoredDataset(Stage stage) =>
        stage.Kind == StageKinds.Data && stage.Settings["dataset"] is JsonValue v ? DataSources.StoredName((string)v!) : null;
}
