using System.Text.Json;
using System.Text.Json.Nodes;
using Reproduce.Harness.Data;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The data stage: fetches and verifies the data set's files (SHA-256) into the data cache, or generates it, loads it
/// once to check it, and records its identity, sizes and normalization in <c>data.json</c>.
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
        var files = request.Dataset == "hmm" ? [] : await new DataFetcher().EnsureAsync(request.Dataset, context.DataDirectory, context.Cancel);
        context.Progress.Report(0.5, "loading");
        using var data = DatasetMemo.Get(context.DataDirectory, request).Lease();
        var result = new JsonObject
        {
            ["dataset"] = request.Dataset,
            ["train"] = data.Value.Train.Count,
            ["test"] = data.Value.Test.Count,
            ["classes"] = data.Value.Train.Classes,
            ["input_shape"] = new JsonArray(data.Value.Train.Inputs.shape.Skip(1).Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()),
            ["files"] = new JsonArray(files.Select(f => (JsonNode?)new JsonObject
            {
                ["name"] = Path.GetFileName(f),
                ["sha256"] = FileHashes.Sha256(f),
            }).ToArray()),
        };
        await File.WriteAllTextAsync(Path.Combine(context.Folder, "data.json"),
            result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), context.Cancel);
        context.Log.Information("{Stage}: {Train} train and {Test} test samples, {Classes} classes", context.Stage.Id,
            data.Value.Train.Count, data.Value.Test.Count, data.Value.Train.Classes);
        return new StageOutcome(["data.json"], result);
    }
}
