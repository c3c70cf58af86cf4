using System.Text.Json.Nodes;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Data;
using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Stages;

/// <summary>Reads a stage's canonical settings back into typed requests (the inverse of the planner's settings).</summary>
public static class StageSettings
{
    /// <summary>The data request of a data stage's settings.</summary>
    public static DataRequest Data(JsonObject s)
    {
        var dataset = (string)s["dataset"]!;
        var common = new DataRequest(dataset, TrainSubset: (int)s["train_subset"]!, SubsetSeed: (int)s["subset_seed"]!,
            TestSubset: (int)s["test_subset"]!);
        if (s["hmm"] is not JsonObject hmm) return common;
        return common with { N = (int)hmm["n"]!, D = (int)hmm["d"]!, P = (int)hmm["p"]!, TestSize = (int)hmm["test_size"]!, Seed = (int)hmm["seed"]! };
    }

    /// <summary>
    /// The target norms of a stage's <c>normalization</c> setting (written by <c>ProbePlanner.Normalization</c>): a number,
    /// or the default rule's name for <c>hidden_norm</c> and <c>output_norm</c>; the defaults when the setting is absent.
    /// </summary>
    public static NormalizationSettings Normalization(JsonObject s)
    {
        if (s["normalization"] is not JsonObject n) return NormalizationSettings.Default;
        return new NormalizationSettings(Norm(n, "hidden_norm", SpecDefaults.HiddenNormRule), Norm(n, "output_norm", SpecDefaults.OutputNormRule),
            (double)n["bn_affine_norm"]!);
    }

    private static double? Norm(JsonObject n, string key, string rule) =>
        n[key] is JsonValue v && v.TryGetValue<string>(out var word)
            ? word == rule ? null : throw new FormatException($"normalization.{key}: expected a number or '{rule}', found '{word}'")
            : (double?)n[key];
}
