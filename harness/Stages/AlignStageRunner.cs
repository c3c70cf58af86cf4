using System.Text.Json.Nodes;
using Reproduce.Core.Geometry;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Networks;
using static TorchSharp.torch;

namespace Reproduce.Harness.Stages;

/// <summary>
/// The align stage, once per unordered pair (A, B) and reused by every probe of the pair: B aligned to A on raw weights
/// (<c>b_aligned_raw.safetensors</c>), normalized B aligned to normalized A (<c>b_aligned_normalized.safetensors</c>;
/// paper Alg. 2), and <c>alignment.json</c> with the permutations, sign flips and distances (weight tensors only).
/// </summary>
public sealed class AlignStageRunner : IStageRunner
{
    /// <inheritdoc />
    public string Kind => Planning.StageKinds.Align;

    /// <inheritdoc />
    public Task<StageOutcome> RunAsync(StageRunContext context)
    {
        using var scope = NewDisposeScope();
        var s = context.Stage.Settings;
        var arch = ProbeInputs.Architecture(context);
        var layout = Layouts.For(arch);
        var a = ProbeInputs.Network(context, ProbeInputs.Input(context, 0, Planning.StageKinds.Train), "network.safetensors", arch);
        var b = ProbeInputs.Network(context, ProbeInputs.Input(context, 1, Planning.StageKinds.Train), "network.safetensors", arch);
        var na = ProbeInputs.Network(context, ProbeInputs.Input(context, 2, Planning.StageKinds.Canonicalize), "normalized.safetensors", arch);
        var nb = ProbeInputs.Network(context, ProbeInputs.Input(context, 3, Planning.StageKinds.Canonicalize), "normalized.safetensors", arch);
        context.Progress.Report(0.1, "aligning raw");
        var raw = WeightMatching.Align(layout, a, b);
        context.Progress.Report(0.5, "aligning normalized");
        var normalized = WeightMatching.Align(layout, na, nb);
        StateDictFile.Save(Path.Combine(context.Folder, "b_aligned_raw.safetensors"), raw.Aligned);
        StateDictFile.Save(Path.Combine(context.Folder, "b_aligned_normalized.safetensors"), normalized.Aligned);

        var distances = new JsonObject
        {
            ["euclidean_raw"] = Distance.Euclidean(layout, a, b),
            ["euclidean_aligned"] = Distance.Euclidean(layout, a, raw.Aligned),
            ["geodesic_normalized_aligned"] = Distance.Geodesic(layout, na, normalized.Aligned),
        };
        if (layout.Binary)
        {
            distances["hamming_raw"] = Distance.Hamming(layout, a, b);
            distances["hamming_aligned"] = Distance.Hamming(layout, na, normalized.Aligned);
        }
        var file = new JsonObject
        {
            ["permutations"] = Permutations(normalized),
            ["permutations_raw"] = Permutations(raw),
        };
        if (layout.Binary)
        {
            file["sign_flips"] = Flips(normalized);
            file["sign_flips_raw"] = Flips(raw);
        }
        foreach (var (k, v) in distances) file[k] = v!.DeepClone();
        ProbeInputs.WriteJson(context, "alignment.json", file);

        var result = new JsonObject { ["a"] = (string)s["a"]!, ["b"] = (string)s["b"]!, ["pair_type"] = (string)s["pair_type"]! };
        foreach (var (k, v) in distances) result[k] = v!.DeepClone();
        return Task.FromResult(new StageOutcome(["b_aligned_raw.safetensors", "b_aligned_normalized.safetensors", "alignment.json"], result));
    }

    private static JsonObject Permutations(Alignment alignment)
    {
        var o = new JsonObject();
        foreach (var g in alignment.Groups) o[g.Group] = new JsonArray(g.Permutation.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
        return o;
    }

    private static JsonObject Flips(Alignment alignment)
    {
        var o = new JsonObject();
        foreach (var g in alignment.Groups.Where(g => g.Flips is not null))
            o[g.Group] = new JsonArray(g.Flips!.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        return o;
    }
}
