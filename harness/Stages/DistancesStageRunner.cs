using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The distances stage: one row per pair of the experiment, read from its align stages' results, written as
/// <c>distances.csv</c>: <c>a,b,pair_type,euclidean_raw,euclidean_aligned,geodesic_normalized_aligned,hamming_raw,hamming_aligned</c>
/// (empty cells where a metric does not apply: Hamming for continuous nets). Reads no network.
/// </summary>
public sealed class DistancesStageRunner : IStageRunner
{
    /// <summary>The columns, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["a", "b", "pair_type", "euclidean_raw", "euclidean_aligned", "geodesic_normalized_aligned", "hamming_raw", "hamming_aligned"];

    /// <inheritdoc />
    public string Kind => Planning.StageKinds.Distances;

    /// <inheritdoc />
    public Task<StageOutcome> RunAsync(StageRunContext context)
    {
        var sb = new StringBuilder(string.Join(",", Columns) + "\n");
        var aligns = context.Inputs.Where(i => i.Stage.Kind == Planning.StageKinds.Align).ToList();
        foreach (var input in aligns)
        {
            var r = input.Manifest.Result;
            sb.AppendJoin(",", Columns.Select(c => r[c] switch
            {
                null => "",
                JsonValue v when v.TryGetValue<double>(out var d) => d.ToString("R", CultureInfo.InvariantCulture),
                JsonValue v => v.ToString(),
                _ => "",
            }));
            sb.Append('\n');
        }
        File.WriteAllText(Path.Combine(context.Folder, "distances.csv"), sb.ToString());
        return Task.FromResult(new StageOutcome(["distances.csv"], new JsonObject
        {
            ["experiment"] = (string)context.Stage.Settings["experiment"]!,
            ["pairs"] = aligns.Count,
        }));
    }
}
