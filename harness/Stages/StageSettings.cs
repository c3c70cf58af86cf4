using System.Text.Json.Nodes;
using Reproduce.Harness.Data;

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
}
