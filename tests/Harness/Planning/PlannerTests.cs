using Reproduce.Harness.Planning;
using Xunit;

namespace Reproduce.Tests.Harness.Planning;

/// <summary>The planner is pure: these tests need no files, no data and no clock.</summary>
public class PlannerTests
{
    [Fact]
    public void PlansOneDataStageAndOneTrainStagePerSeedAndAlgorithm()
    {
        var stages = DataAndTrain(Planner.Plan([Some.Spec("a", [1, 2, 3])]));
        Assert.Equal(["data", "train", "train", "train"], stages.Select(s => s.Kind));
        var data = stages[0];
        Assert.All(stages.Skip(1), s => Assert.Equal([data.Key], s.Inputs));
        Assert.Equal(["data/mnist-train2000s0", "train/a/sgd/seed1", "train/a/sgd/seed2", "train/a/sgd/seed3"], stages.Select(s => s.Id));
    }

    /// <summary>The data and train stages, in plan order (the probe stages are <c>ProbePlannerTests</c>' subject).</summary>
    private static List<Stage> DataAndTrain(StageGraph graph) => graph.Stages.Where(s => s.Kind is "data" or "train").ToList();

    [Fact]
    public void SamePlanGivesSameKeys()
    {
        var a = Planner.Plan([Some.Spec("a", [1, 2])]).Stages.Select(s => s.Key);
        var b = Planner.Plan([Some.Spec("a", [1, 2])]).Stages.Select(s => s.Key);
        Assert.Equal(a, b);
    }

    [Fact]
    public void ChangingOneSeedChangesOnlyThatTrainStage()
    {
        var before = DataAndTrain(Planner.Plan([Some.Spec("a", [1, 2, 3])])).Select(s => s.Key).ToList();
        var after = DataAndTrain(Planner.Plan([Some.Spec("a", [1, 5, 3])])).Select(s => s.Key).ToList();
        Assert.Equal(before[0], after[0]);
        Assert.Equal(before[1], after[1]);
        Assert.NotEqual(before[2], after[2]);
        Assert.Equal(before[3], after[3]);
    }

    [Fact]
    public void ChangingTheDataChangesEveryDownstreamKey()
    {
        var before = Planner.Plan([Some.Spec("a", [1, 2], trainSubset: 2000)]).Stages.Select(s => s.Key);
        var after = Planner.Plan([Some.Spec("a", [1, 2], trainSubset: 3000)]).Stages.Select(s => s.Key);
        Assert.Empty(before.Intersect(after));
    }

    [Fact]
    public void ExperimentsSharingWorkShareStages()
    {
        // Same data and training settings under two experiment names: one data stage and one train stage per seed.
        var graph = Planner.Plan([Some.Spec("a", [1, 2]), Some.Spec("b", [2, 3])]);
        Assert.Single(graph.Stages, s => s.Kind == "data");
        Assert.Equal(3, graph.Stages.Count(s => s.Kind == "train"));
        var shared = graph.Stages.Single(s => s.Id == "train/a/sgd/seed2");
        Assert.Equal(["a", "b"], shared.Experiments);
    }

    [Fact]
    public void DifferentHyperParametersAreDifferentStages()
    {
        var graph = Planner.Plan([Some.Spec("a", [1]), Some.Spec("b", [1], lr: 0.1)]);
        Assert.Equal(2, graph.Stages.Count(s => s.Kind == "train"));
        Assert.Single(graph.Stages, s => s.Kind == "data");
    }

    [Fact]
    public void KeysIgnoreTheOrderSettingsWereBuiltIn()
    {
        var x = new System.Text.Json.Nodes.JsonObject { ["a"] = 1, ["b"] = new System.Text.Json.Nodes.JsonObject { ["c"] = 0.5, ["d"] = "x" } };
        var y = new System.Text.Json.Nodes.JsonObject { ["b"] = new System.Text.Json.Nodes.JsonObject { ["d"] = "x", ["c"] = 0.5 }, ["a"] = 1 };
        Assert.Equal(StageKey.Compute("train", x, ["k"]), StageKey.Compute("train", y, ["k"]));
        Assert.NotEqual(StageKey.Compute("train", x, ["k"]), StageKey.Compute("train", x, ["j"]));
        Assert.NotEqual(StageKey.Compute("train", x, []), StageKey.Compute("data", x, []));
    }

    [Fact]
    public void DuplicateExperimentNamesAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Planner.Plan([Some.Spec("a", [1]), Some.Spec("a", [2])]));
        Assert.Contains("experiment 'a' is defined twice", e.Message);
    }

    [Fact]
    public void TrainStageRecordsTheFullNetworkAndEveryHyperParameter()
    {
        var train = Planner.Plan([Some.Spec()]).Stages.First(s => s.Kind == "train");
        Assert.Equal("[784,500,500,10]", train.Settings["network"]!["sizes"]!.ToJsonString());
        Assert.Equal("mlp:784,500,500,10", (string)train.Settings["network"]!["arch"]!);
        var algo = train.Settings["algorithm"]!.AsObject();
        Assert.Equal(["batch_size", "clip_latent", "epochs", "loss", "lr", "max_train_error", "momentum", "name", "nesterov", "optimizer", "schedule"],
            algo.Select(p => p.Key).Order(StringComparer.Ordinal));
    }
}
