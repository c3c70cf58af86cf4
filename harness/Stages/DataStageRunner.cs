using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reproduce.Harness.Data;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The data stage: fetches and verifies the data set's files into the data cache (or generates it), checks that the data
/// folder still holds what the stage was planned on, loads the data once to check it, and records in <c>data.json</c> (and
/// the manifest result) its sizes, its files' SHA-256s, its identity lines, whether it is synthetic, and its provenance:
/// the one line the report prints about the data (e.g. "Fashion-MNIST, the canonical 60,000/10,000 split (Zalando's
/// files), verified by SHA-256", or "SYNTHETIC data in the format of cifar10, NOT the published data set …").
/// </summary>
public sealed class DataStageRunner : IStageRunner
{
    /// <inheritdoc />
    public string Kind => Planning.StageKinds.Data;

    /// <inheritdoc />
    public async Task<StageOutcome> RunAsync(StageRunContext context)
    {
        var request = StageSettings.Data(context.Stage.Settings);
        context.Progress.Report(0, "fetching");
        var files = request.IsHmm ? [] : await new DataFetcher().EnsureAsync(request.Dataset, context.DataDirectory, context.Cancel);
        var identities = DataIdentities.Read(context.DataDirectory);
        CheckPlannedIdentity(context, request, identities);
        context.Progress.Report(0.5, "loading");
        using var data = DatasetMemo.Get(context.DataDirectory, request).Lease();
        var identity = request.IsHmm ? null : identities.Of(DataSources.StoredName(request.Dataset)!);
        var result = new JsonObject
        {
            ["dataset"] = request.Dataset,
            ["synthetic"] = identity?.Synthetic ?? false,
            ["provenance"] = identity?.Provenance ?? string.Create(CultureInfo.InvariantCulture,
                $"Hidden Manifold Model, generated: N = {request.N}, D = {request.D}, P = {request.PatternCount}, {request.TestSize} test patterns, seed {request.Seed}"),
            ["train"] = data.Value.Train.Count,
            ["test"] = data.Value.Test.Count,
            ["classes"] = data.Value.Train.Classes,
            ["input_shape"] = new JsonArray(data.Value.Train.Inputs.shape.Skip(1).Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()),
            ["files"] = new JsonArray(files.Select(f => (JsonNode?)new JsonObject
            {
                ["name"] = Path.GetFileName(f),
                ["sha256"] = FileHashes.Sha256(f),
            }).ToArray()),
            ["identity"] = context.Stage.Settings["identity"]?.DeepClone(),
        };
        await File.WriteAllTextAsync(Path.Combine(context.Folder, "data.json"),
            result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), context.Cancel);
        if (identity is { Synthetic: true })
            context.Log.Warning("{Stage}: {Provenance}; nothing computed on it is a result on the published data set", context.Stage.Id, identity.Provenance);
        context.Log.Information("{Stage}: {Train} train and {Test} test samples, {Classes} classes", context.Stage.Id,
            data.Value.Train.Count, data.Value.Test.Count, data.Value.Train.Classes);
        return new StageOutcome(["data.json"], result);
    }

    /// <summary>
    /// Fails the stage when the data folder no longer holds what the stage's key was computed on (a folder marked or
    /// unmarked synthetic, or its files changed, after planning), naming the first line that differs.
    /// </summary>
    private static void CheckPlannedIdentity(StageRunContext context, DataRequest request, DataIdentities identities)
    {
        var planned = (context.Stage.Settings["identity"] as JsonArray ?? []).Select(n => (string?)n).ToList();
        var now = DatasetLoader.Describe(request, identities);
        if (planned.SequenceEqual(now)) return;
        var differs = planned.Zip(now).FirstOrDefault(p => p.First != p.Second);
        throw new StageFailedException($"{context.Stage.Id}: the data in '{context.DataDirectory}' changed after this run was planned " +
            (differs == default ? $"({planned.Count} identity lines planned, {now.Count} now)" : $"(planned '{differs.First}', now '{differs.Second}')") +
            "; run again to plan on the data as it is now");
    }
}
