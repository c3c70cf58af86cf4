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
    /// optimized-path (pairs × 3 kinds), 2 plane (the first three solutions, raw and normalized), 1 distances.
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

    /// <summary>With two algorithms the plane goes through the first three solutions; with three, through each algorithm's first.</summary>
    [Fact]
    public void PlaneTripleIsFirstOfEachAlgorithmWithThreeAlgorithms()
    {
        var two = Planner.Plan([TwoByTwo()]).Stages.First(s => s.Kind == "plane");
        Assert.Equal("[\"sgd-s1\",\"sgd-s2\",\"rsgd-s1\"]", two.Settings["solutions"]!.ToJsonString());
        var spec = TwoByTwo();
        var three = spec with { Algorithms = [.. spec.Algorithms, spec.Algorithms[0] with { Name = "adv" }] };
        var graph = Planner.Plan([three]);
        var planes = graph.Stages.Where(s => s.Kind == "plane").ToList();
        Assert.Equal(["raw", "normalized"], planes.Select(s => (string)s.Settings["space"]!));
        Assert.Equal("[\"sgd-s1\",\"rsgd-s1\",\"adv-s1\"]", planes[0].Settings["solutions"]!.ToJsonString());
        Assert.Equal(["data", "train", "train", "train", "canonicalize", "canonicalize", "canonicalize", "align", "align"],
            planes[0].Inputs.Select(k => graph[k].Kind));
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

    /// <summary>Fewer than three solutions: no plane; one solution: no pair stages at all.</summary>
    [Fact]
    public void SmallExperimentsPlanNoPlaneOrPairs()
    {
        var counts = Counts(Planner.Plan([Some.Spec("one", [1])]));
        Assert.False(counts.ContainsKey("align"));
        Assert.False(counts.ContainsKey("plane"));
        Assert.False(counts.ContainsKey("distances"));
        Assert.Equal(1, counts["local-energy"]);
        Assert.False(Counts(Planner.Plan([Some.Spec("two", [1, 2])])).ContainsKey("plane"));
    }

    /// <summary>
    /// probes.pairs_per_type = 1 keeps the first pair of each pair type (3 types for 2 algorithms), and the plane's triple is
    /// aligned even when its second pair is not among those kept.
    /// </summary>
    [Fact]
    public void PairsPerTypeKeepsTheFirstPairsOfEachTypeAndTheTriplesAlignments()
    {
        var spec = TwoByTwo();
        var graph = Planner.Plan([spec with { Probes = spec.Probes with { PairsPerType = 1 } }]);
        var paths = graph.Stages.Where(s => s.Kind == "path").Select(s => s.Id.Split('/')[^1]).Distinct().ToList();
        Assert.Equal(["sgd-s1_sgd-s2", "sgd-s1_rsgd-s1", "rsgd-s1_rsgd-s2"], paths);
        // The triple (sgd-s1, sgd-s2, rsgd-s1) needs sgd-s1_sgd-s2 and sgd-s1_rsgd-s1: both kept, no extra alignment.
        Assert.Equal(["sgd-s1_sgd-s2", "sgd-s1_rsgd-s1", "rsgd-s1_rsgd-s2"], graph.Stages.Where(s => s.Kind == "align").Select(s => s.Id.Split('/')[^1]));
        Assert.Equal(3 * 3, graph.Stages.Count(s => s.Kind == "optimized-path"));

        var two = Planner.Plan([spec with { Probes = spec.Probes with { PairsPerType = 2 } }]);
        Assert.Equal(4, two.Stages.Count(s => s.Kind == "align")); // sgd-sgd 1 (of 1), sgd-rsgd 2 (of 4), rsgd-rsgd 1 (of 1)
    }

    /// <summary>With three algorithms and one pair per type, the plane's triple needs adv-s1 aligned to sgd-s1: planned although it is a kept pair anyway; the plane names two align stages that exist.</summary>
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
