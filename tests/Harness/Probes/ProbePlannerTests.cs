using Reproduce.Core.Symmetry;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Specs;
using Reproduce.Harness.Stages;
using Xunit;

namespace Reproduce.Tests.Harness.Probes;

/// <summary>The probe stages the planner adds after training (docs/stages.md). Pure: no files, no data, no clock.</summary>
public sealed class ProbePlannerTests
{
    /// <summary>An MLP experiment with two algorithms (sgd, rsgd) and two seeds: four solutions, six pairs.</summary>
    private static ExperimentSpec TwoByTwo(string name = "x")
    {
        var spec = Some.Spec(name, [1, 2]);
        return spec with { Algorithms = [spec.Algorithms[0], spec.Algorithms[0] with { Name = "rsgd" }] };
    }

    private static Dictionary<string, int> Counts(StageGraph graph) =>
        graph.Stages.GroupBy(s => s.Kind).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// 2 algorithms × 2 seeds: 4 canonicalize and 4 local-energy (one per solution), 6 align (pairs), 18 path and 18
    /// optimized-path (pairs × 3 kinds), 2 plane (sgd-s1, rsgd-s1 and rsgd-s1 aligned, raw and normalized), 1 distances.
    /// </summary>
    [Fact]
    public void PlansTheExpectedProbeCountsForTwoAlgorithmsAndTwoSeeds()
    {
        // Plot and findings stages are the report planner's (tested in ReportTests); here the probe stages.
        var counts = Counts(Planner.Plan([TwoByTwo()])).Where(c => c.Key is not ("plot" or "findings")).ToDictionary();
        Assert.Equal(new Dictionary<string, int>
        {
            ["data"] = 1, ["train"] = 4, ["canonicalize"] = 4, ["local-energy"] = 4, ["align"] = 6, ["path"] = 18,
            ["optimized-path"] = 18, ["plane"] = 2, ["distances"] = 1,
        }, counts);
    }

    /// <summary>Pair names, pair types in the experiment's algorithm order, and the inputs of docs/stages.md.</summary>
    [Fact]
    public void PairStagesNameTheirSolutionsAndReadTheDocumentedInputs()
    {
        var graph = Planner.Plan([TwoByTwo()]);
        var aligns = graph.Stages.Where(s => s.Kind == "align").ToList();
        Assert.Equal(["sgd-s1_sgd-s2", "sgd-s1_rsgd-s1", "sgd-s1_rsgd-s2", "sgd-s2_rsgd-s1", "sgd-s2_rsgd-s2", "rsgd-s1_rsgd-s2"],
            aligns.Select(s => s.Id.Split('/')[^1]));
        Assert.Equal(["sgd-sgd", "sgd-rsgd", "sgd-rsgd", "sgd-rsgd", "sgd-rsgd", "rsgd-rsgd"], aligns.Select(s => (string)s.Settings["pair_type"]!));
        Assert.All(aligns, s => Assert.Equal(["train", "train", "canonicalize", "canonicalize"], s.Inputs.Select(k => graph[k].Kind)));
        Assert.All(graph.Stages.Where(s => s.Kind is "path" or "optimized-path"),
            s => Assert.Equal(["data", "train", "train", "align"], s.Inputs.Select(k => graph[k].Kind)));
        Assert.Equal(["linear", "linear-aligned", "geodesic-aligned"],
            graph.Stages.Where(s => s.Kind == "path").Select(s => (string)s.Settings["kind"]!).Distinct());
        Assert.Equal(Enumerable.Repeat("align", 6), graph[graph.Stages.Single(s => s.Kind == "distances").Key].Inputs.Select(k => graph[k].Kind));
    }

    /// <summary>
    /// The plane is the paper's Fig. 4 triple: the first RSGD solution, the first ADV solution unaligned, and that ADV solution
    /// aligned to the RSGD one, raw and normalized; it reads both trainings, both canonicalizations and their alignment.
    /// Without RSGD and ADV, the first solutions of the first two algorithms take their places.
    /// </summary>
    [Fact]
    public void ThePlanePassesThroughRsgdAdvAndAdvAlignedToRsgd()
    {
        var spec = TwoByTwo();
        var three = spec with { Algorithms = [.. spec.Algorithms, spec.Algorithms[0] with { Name = "adv" }] };
        var graph = Planner.Plan([three]);
        var planes = graph.Stages.Where(s => s.Kind == "plane").ToList();
        Assert.Equal(["raw", "normalized"], planes.Select(s => (string)s.Settings["space"]!));
        Assert.All(planes, p => Assert.Equal("[\"rsgd-s1\",\"adv-s1\",\"adv-s1 aligned\"]", p.Settings["solutions"]!.ToJsonString()));
        Assert.All(planes, p => Assert.Equal(["data", "train", "train", "canonicalize", "canonicalize", "align"], p.Inputs.Select(k => graph[k].Kind)));
        var inputs = planes[0].Inputs.Select(k => graph[k].Id).ToList();
        Assert.Equal(["train/x/rsgd/seed1", "train/x/adv/seed1"], inputs.Skip(1).Take(2));
        Assert.Equal("align/x/rsgd-s1_adv-s1", inputs[5]);
        Assert.Equal("plane/x/raw/rsgd-s1_adv-s1", planes[0].Id);

        var two = Planner.Plan([TwoByTwo()]).Stages.First(s => s.Kind == "plane");
        Assert.Equal("[\"sgd-s1\",\"rsgd-s1\",\"rsgd-s1 aligned\"]", two.Settings["solutions"]!.ToJsonString());
    }

    /// <summary>
    /// One-output nets (the HMM perceptron and committee machine, the parity MLPs) plan optimized paths like every net,
    /// one per pair and Hamming kind; their midpoints train as the experiment's sgd solutions do (here the binary default:
    /// SGD without momentum at a constant rate), with latent clipping and several midpoints per path.
    /// </summary>
    [Fact]
    public void OneOutputNetsPlanOptimizedPathsTrainedLikeTheirSgdSolutions()
    {
        var spec = Some.Spec("""
            experiment: p
            data:
              dataset: hmm
              hmm: {n: 100, d: 20, p: 60, test_size: 100}
            network:
              arch: perceptron
            seeds: [1, 2]
            algorithms:
              rsgd: {}
              sgd: {lr: 0.5, batch_size: 10}
              adv: {}
            """);
        var graph = Planner.Plan([spec]);
        var optimized = graph.Stages.Where(s => s.Kind == "optimized-path").ToList();
        Assert.Equal(graph.Stages.Count(s => s.Kind == "path"), optimized.Count);
        // No hidden units, nothing to align: B aligned would be B, the three points of a plane collinear. No plane.
        Assert.DoesNotContain(graph.Stages, s => s.Kind == "plane");
        Assert.NotEmpty(optimized);
        var m = OptimizedPathStageSettings.FromJson(optimized[0].Settings).Midpoint;
        Assert.Equal(new OptimizerSettings("sgd", 0.5, "constant", 0, false, SpecDefaults.AdamBeta1, SpecDefaults.AdamBeta2, null), m.Optimizer);
        Assert.Equal(10, m.BatchSize);
        Assert.True(m.ClipLatent);
        Assert.Equal(SpecDefaults.Midpoints, m.Midpoints);
        Assert.Equal(spec.Algorithms[1].MaxTrainError, m.MaxTrainError); // the sgd solutions' threshold
    }

    /// <summary>
    /// A binary net whose SGD-type solutions train with Adam and step decay (the binary conv net, App. B) trains its
    /// midpoints the same way; a continuous net's midpoint is one, with Nesterov SGD on a cosine schedule, restarted at half the
    /// rate when its mean train loss rises above M₀'s (a binary net's is not, and its settings do not name the rule, so its stage
    /// keys are those of before the rule); an experiment without sgd solutions has no SGD-type settings and plans no optimized paths.
    /// </summary>
    [Fact]
    public void MidpointsTrainWithTheSgdSolutionsOptimizerAndNoSgdMeansNoOptimizedPaths()
    {
        var binary = Some.Spec("""
            experiment: b
            data: {dataset: mnist-parity, train_subset: 100}
            network: {arch: binary-mlp, hidden: [11, 11]}
            seeds: [1, 2]
            algorithms:
              sgd: {optimizer: adam, lr: 0.002, schedule: step, lr_decay_factor: 0.5, lr_decay_every: 7}
            """);
        var binarySettings = Planner.Plan([binary]).Stages.First(s => s.Kind == "optimized-path").Settings;
        var m = OptimizedPathStageSettings.FromJson(binarySettings).Midpoint;
        Assert.False(m.RestartOnLossRise);
        Assert.DoesNotContain("restart_on_loss_rise", binarySettings.ToJsonString());
        Assert.Equal("adam", m.Optimizer.Optimizer);
        Assert.Equal(0.002, m.Optimizer.LearningRate);
        Assert.Equal("step", m.Optimizer.Schedule);
        Assert.Equal(new Reproduce.Core.Training.StepDecay(0.5, 7, 7), m.Optimizer.Decay);
        Assert.True(m.ClipLatent);

        var continuous = OptimizedPathStageSettings.FromJson(Planner.Plan([TwoByTwo()]).Stages.First(s => s.Kind == "optimized-path").Settings).Midpoint;
        Assert.Equal(("sgd", 0.9, true, "cosine"), (continuous.Optimizer.Optimizer, continuous.Optimizer.Momentum, continuous.Optimizer.Nesterov,
            continuous.Optimizer.Schedule));
        Assert.False(continuous.ClipLatent);
        Assert.Equal(1, continuous.Midpoints);
        Assert.True(continuous.RestartOnLossRise);
        Assert.True(continuous.ToOptions().RestartOnLossRise);
        Assert.Equal(continuous, MidpointSettings.FromJson(continuous.ToJson()));

        var spec = TwoByTwo();
        var noSgd = spec with { Algorithms = [spec.Algorithms[1], spec.Algorithms[0] with { Name = "adv" }] };
        var graph = Planner.Plan([noSgd]);
        Assert.Contains(graph.Stages, s => s.Kind == "path");
        Assert.DoesNotContain(graph.Stages, s => s.Kind == "optimized-path");
    }

    /// <summary>The probe settings of the spec are in the stages' settings: changing σ reruns the local energies only.</summary>
    [Fact]
    public void ChangingSigmasChangesOnlyLocalEnergyKeys()
    {
        var spec = TwoByTwo();
        var before = Planner.Plan([spec]).Stages;
        var after = Planner.Plan([spec with { Probes = spec.Probes with { Sigmas = [0, 0.1] } }]).Stages;
        var changed = before.Zip(after).Where(p => p.First.Key != p.Second.Key).Select(p => p.First.Kind).Distinct();
        // Local energies change, and what reads them: their figure and the findings.
        Assert.Equal(["local-energy", "plot", "findings"], changed);
        var le = after.First(s => s.Kind == "local-energy");
        Assert.Equal("[0,0.1]", le.Settings["levels"]!.ToJsonString());
        Assert.True((bool)le.Settings["bn_recompute"]!);
    }

    /// <summary>
    /// The normalization norms are in the settings of the stages that normalize (canonicalize, geodesic-aligned paths and
    /// optimized paths): changing one reruns those and what reads them (align, every path through align, plane,
    /// distances, figures, findings), never data, training or local energies.
    /// </summary>
    [Fact]
    public void ChangingANormalizationNormChangesOnlyTheKeysDownstreamOfNormalization()
    {
        var spec = TwoByTwo();
        var before = Planner.Plan([spec]).Stages;
        var norms = new NormalizationSettings(HiddenNorm: 2);
        var after = Planner.Plan([spec with { Probes = spec.Probes with { Normalization = norms } }]).Stages;
        Assert.Equal(before.Select(s => s.Id), after.Select(s => s.Id));
        var changed = before.Zip(after).Where(p => p.First.Key != p.Second.Key).Select(p => p.First.Kind).Distinct();
        Assert.Equal(["canonicalize", "align", "path", "optimized-path", "plane", "distances", "plot", "findings"], changed);
        Assert.All(before.Zip(after).Where(p => p.First.Kind is "data" or "train" or "local-energy"), p => Assert.Equal(p.First.Key, p.Second.Key));

        string Norms(Stage s) => s.Settings["normalization"]?.ToJsonString() ?? "none";
        const string set = "{\"hidden_norm\":2,\"output_norm\":\"sqrt(weights)\",\"bn_affine_norm\":1}";
        Assert.All(after.Where(s => s.Kind == "canonicalize"), s => Assert.Equal(set, Norms(s)));
        Assert.All(after.Where(s => s.Kind is "path" or "optimized-path"),
            s => Assert.Equal((string)s.Settings["kind"]! == "geodesic-aligned" ? set : "none", Norms(s)));
        Assert.Equal(norms, StageSettings.Normalization(after.First(s => s.Kind == "canonicalize").Settings));
        Assert.Equal(NormalizationSettings.Default, StageSettings.Normalization(before.First(s => s.Kind == "canonicalize").Settings));
    }

    /// <summary>One solution: no plane and no pair stages at all; one algorithm with two seeds: a plane through both.</summary>
    [Fact]
    public void SmallExperimentsPlanNoPlaneOrPairs()
    {
        var counts = Counts(Planner.Plan([Some.Spec("one", [1])]));
        Assert.False(counts.ContainsKey("align"));
        Assert.False(counts.ContainsKey("plane"));
        Assert.False(counts.ContainsKey("distances"));
        Assert.Equal(1, counts["local-energy"]);
        var two = Planner.Plan([Some.Spec("two", [1, 2])]).Stages.Where(s => s.Kind == "plane").ToList();
        Assert.Equal(2, two.Count);
        Assert.Equal("[\"sgd-s1\",\"sgd-s2\",\"sgd-s2 aligned\"]", two[0].Settings["solutions"]!.ToJsonString());
    }

    /// <summary>
    /// probes.pairs_per_type = 1 keeps the first pair of each pair type (3 types for 2 algorithms); the plane's pair is
    /// among them here, so no extra alignment is planned.
    /// </summary>
    [Fact]
    public void PairsPerTypeKeepsTheFirstPairsOfEachTypeAndTheTriplesAlignments()
    {
        var spec = TwoByTwo();
        var graph = Planner.Plan([spec with { Probes = spec.Probes with { PairsPerType = 1 } }]);
        var paths = graph.Stages.Where(s => s.Kind == "path").Select(s => s.Id.Split('/')[^1]).Distinct().ToList();
        Assert.Equal(["sgd-s1_sgd-s2", "sgd-s1_rsgd-s1", "rsgd-s1_rsgd-s2"], paths);
        // The plane's pair (sgd-s1, rsgd-s1) is kept: no extra alignment.
        Assert.Equal(["sgd-s1_sgd-s2", "sgd-s1_rsgd-s1", "rsgd-s1_rsgd-s2"], graph.Stages.Where(s => s.Kind == "align").Select(s => s.Id.Split('/')[^1]));
        Assert.Equal(3 * 3, graph.Stages.Count(s => s.Kind == "optimized-path"));

        var two = Planner.Plan([spec with { Probes = spec.Probes with { PairsPerType = 2 } }]);
        Assert.Equal(4, two.Stages.Count(s => s.Kind == "align")); // sgd-sgd 1 (of 1), sgd-rsgd 2 (of 4), rsgd-rsgd 1 (of 1)
    }

    /// <summary>With three algorithms and one pair per type, the plane needs adv-s1 aligned to rsgd-s1: it is planned, and the plane names an align stage that exists.</summary>
    [Fact]
    public void PairsPerTypePlaneInputsAreAlwaysPlanned()
    {
        var spec = TwoByTwo();
        var three = spec with { Algorithms = [.. spec.Algorithms, spec.Algorithms[0] with { Name = "adv" }], Probes = spec.Probes with { PairsPerType = 1 } };
        var graph = Planner.Plan([three]);
        Assert.Equal(6, graph.Stages.Count(s => s.Kind == "align"));
        var plane = graph.Stages.First(s => s.Kind == "plane");
        Assert.All(plane.Inputs.Where(k => graph[k].Kind == "align"), k => Assert.Contains(graph[k], graph.Stages));
    }
}
