using System.Text.Json.Nodes;
using Reproduce.Harness.Data;
using Reproduce.Harness.Specs;
using Reproduce.Harness.Stages;

namespace Reproduce.Harness.Planning;

/// <summary>
/// Expands resolved specs into the stage graph. Pure: no I/O, no clock, no randomness; the same specs give
/// the same stages and keys. Two experiments that need the same work (same settings and inputs) share a stage. What the
/// data folder holds enters as <see cref="DataIdentities"/> (read by the caller), like the specs.
/// </summary>
public static class Planner
{
    /// <summary>
    /// Plans every experiment; experiment names must be unique. <paramref name="data"/>: the identity of the stored data
    /// sets (default: as published; a workspace passes what its data folder holds, so a folder marked synthetic gets
    /// its own data stage keys).
    /// </summary>
    public static StageGraph Plan(IReadOnlyList<ExperimentSpec> specs, DataIdentities? data = null)
    {
        data ??= DataIdentities.Published;
        var duplicate = specs.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"experiment '{duplicate.Key}' is defined twice: {string.Join(", ", duplicate.Select(s => s.SourceFile))}");

        var stages = new List<Stage>();
        var index = new Dictionary<string, int>();
        foreach (var spec in specs)
        {
            var dataStage = Add(stages, index, spec, StageKinds.Data, DataSettings(spec.Data, data), [], $"data/{DataId(spec.Data, data)}");
            foreach (var algo in spec.Algorithms)
            foreach (var seed in spec.Seeds)
                Add(stages, index, spec, StageKinds.Train, TrainSettings(spec, algo, seed), [dataStage.Key],
                    $"train/{spec.Name}/{algo.Name}/seed{seed}");
            ProbePlanner.Plan(spec, stages, (kind, settings, inputs, id) => Add(stages, index, spec, kind, settings, inputs, id));
        }
        ReportPlanner.Plan(specs, stages);
        return new StageGraph(stages);
    }

    /// <summary>
    /// What defines a data stage: the data set, its subsets, the generator's settings where it is generated, and the
    /// data's identity (loader version and the published checksum of every file read, or, for a data folder marked
    /// synthetic, a line saying so and the SHA-256 of its files), so new files or a new loader mean new keys.
    /// </summary>
    public static JsonObject DataSettings(DataSpec d, DataIdentities? data = null)
    {
        var o = new JsonObject
        {
            ["dataset"] = d.Dataset,
            ["train_subset"] = d.TrainSubset,
            ["subset_seed"] = d.TrainSubset == 0 && d.TestSubset == 0 ? 0 : d.SubsetSeed,
            ["test_subset"] = d.TestSubset,
        };
        if (d.Dataset == "hmm")
            o["hmm"] = new JsonObject { ["n"] = d.Hmm.N, ["d"] = d.Hmm.D, ["p"] = d.Hmm.P, ["test_size"] = d.Hmm.TestSize, ["seed"] = d.Hmm.Seed };
        var identity = DatasetLoader.Describe(StageSettings.Data(o), data);
        o["identity"] = new JsonArray(identity.Select(line => (JsonNode?)JsonValue.Create(line)).ToArray());
        return o;
    }

    /// <summary>
    /// What defines a train stage (<see cref="TrainStageSettings"/>): the full architecture (every size), the algorithm with every
    /// hyper-parameter (resolved defaults included), the seed and the device.
    /// </summary>
    public static JsonObject TrainSettings(ExperimentSpec spec, AlgorithmSpec a, int seed) => TrainStageSettings.Of(spec, a, seed).ToJson();

    private static string DataId(DataSpec d, DataIdentities data)
    {
        var id = d.Dataset == "hmm" ? $"hmm-N{d.Hmm.N}-D{d.Hmm.D}-P{d.Hmm.P}-s{d.Hmm.Seed}" : d.Dataset;
        if (d.Dataset != "hmm" && data.Of(DataSources.StoredName(d.Dataset)!).Synthetic) id += "-synthetic";
        if (d.TrainSubset > 0) id += $"-train{d.TrainSubset}s{d.SubsetSeed}";
        if (d.TestSubset > 0) id += $"-test{d.TestSubset}";
        return id;
    }

    private static Stage Add(List<Stage> stages, Dictionary<string, int> index, ExperimentSpec spec, string kind, JsonObject settings,
        IReadOnlyList<string> inputs, string id)
    {
        var key = StageKey.Compute(kind, settings, inputs);
        if (index.TryGetValue(key, out var i))
        {
            var existing = stages[i];
            if (!existing.Experiments.Contains(spec.Name))
                stages[i] = existing with { Experiments = [.. existing.Experiments, spec.Name] };
            return stages[i];
        }
        // Ids are names for people; if two different stages would share one, the key tells them apart.
        if (stages.Any(s => s.Id == id)) id = $"{id}-{key[..6]}";
        var stage = new Stage(kind, key, id, settings, inputs, [spec.Name]);
        index[key] = stages.Count;
        stages.Add(stage);
        return stage;
    }
}
