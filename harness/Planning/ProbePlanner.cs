using System.Text.Json.Nodes;
using Reproduce.Core.Models;
using Reproduce.Core.Probes;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Planning;

/// <summary>
/// Plans the stages after training for one experiment (docs/stages.md): per solution <c>canonicalize</c> and
/// <c>local-energy</c>; per unordered pair <c>align</c>, a <c>path</c> and an <c>optimized-path</c> per path kind; per
/// triple a <c>plane</c> in raw and normalized space; one <c>distances</c> table. Pure, like <see cref="Planner"/>:
/// the probe settings of the spec go into the stages' settings, so changing one reruns only what it affects.
/// </summary>
public static class ProbePlanner
{
    /// <summary>Adds a stage (or returns the equal one already planned): kind, settings, input keys, id.</summary>
    public delegate Stage AddStage(string kind, JsonObject settings, IReadOnlyList<string> inputs, string id);

    /// <summary>One trained solution of the experiment.</summary>
    /// <param name="Name"><c>&lt;algorithm&gt;-s&lt;seed&gt;</c>.</param>
    /// <param name="Algorithm">Its algorithm's name.</param>
    /// <param name="Train">Its train stage.</param>
    public sealed record Solution(string Name, string Algorithm, Stage Train);

    /// <summary>
    /// Plans the probe stages of <paramref name="spec"/> from the stages planned so far (its data stage and its train stages
    /// are found among them by experiment name), adding each through <paramref name="add"/>.
    /// </summary>
    public static void Plan(ExperimentSpec spec, IReadOnlyList<Stage> planned, AddStage add)
    {
        var solutions = Solutions(spec, planned);
        if (solutions.Count == 0) return;
        var data = planned.First(s => s.Kind == StageKinds.Data && s.Key == solutions[0].Train.Inputs[0]);
        var architecture = ArchitectureOf(solutions[0].Train.Settings);
        var arch = Architecture.Parse(architecture);
        var p = spec.Probes;
        var exp = spec.Name;

        var canon = new Dictionary<string, Stage>();
        foreach (var s in solutions)
        {
            canon[s.Name] = add(StageKinds.Canonicalize, new JsonObject
            {
                ["architecture"] = architecture,
                ["solution"] = s.Name,
                ["normalization"] = Normalization(p.Normalization),
            }, [s.Train.Key], $"canonicalize/{exp}/{s.Name}");
            add(StageKinds.LocalEnergy, new JsonObject
            {
                ["architecture"] = architecture,
                ["solution"] = s.Name,
                ["noise"] = arch.IsBinary ? LocalEnergy.SignFlip : LocalEnergy.Gaussian,
                ["levels"] = Numbers(arch.IsBinary ? p.FlipFractions : p.Sigmas),
                ["draws"] = p.Draws,
                ["seed"] = p.Seed,
                ["eval_train_subset"] = p.EvalTrainSubset,
                ["eval_test_subset"] = p.EvalTestSubset,
                ["bn_recompute"] = p.BatchNormRecompute,
            }, [data.Key, s.Train.Key], $"local-energy/{exp}/{s.Name}");
        }

        var aligns = new Dictionary<(string, string), Stage>();
        Stage Align(Solution a, Solution b) => aligns[(a.Name, b.Name)] = add(StageKinds.Align, new JsonObject
        {
            ["architecture"] = architecture, ["a"] = a.Name, ["b"] = b.Name, ["pair_type"] = PairType(spec, a.Algorithm, b.Algorithm),
        }, [a.Train.Key, b.Train.Key, canon[a.Name].Key, canon[b.Name].Key], $"align/{exp}/{a.Name}_{b.Name}");
        // The midpoint of an optimized path trains with the SGD-type solutions' own settings (METHOD.md §4); an experiment
        // without an sgd algorithm has no such settings and plans no optimized paths.
        var sgd = spec.Algorithms.FirstOrDefault(x => x.Name == "sgd");
        foreach (var (a, b) in ProbedPairs(spec, solutions))
        {
            var type = PairType(spec, a.Algorithm, b.Algorithm);
            var align = Align(a, b);
            foreach (var kind in PathKinds.For(arch.IsBinary))
            {
                var name = PathKinds.Name(kind);
                var path = Stages.PathStageSettings.Of(architecture, name, a.Name, b.Name, type, p, arch.IsBinary);
                add(StageKinds.Path, path.ToJson(), [data.Key, a.Train.Key, b.Train.Key, align.Key], $"path/{exp}/{name}/{a.Name}_{b.Name}");
                if (sgd is null) continue;
                var optimized = new Stages.OptimizedPathStageSettings(path, Stages.MidpointSettings.Of(sgd, p, arch.IsBinary));
                add(StageKinds.OptimizedPath, optimized.ToJson(), [data.Key, a.Train.Key, b.Train.Key, align.Key],
                    $"optimized-path/{exp}/{name}/{a.Name}_{b.Name}");
            }
        }

        // The plane goes through A, B and B aligned to A; a net without hidden units has no permutation to align (the
        // perceptron: B aligned is B), so its three points are collinear and it has no plane.
        if (arch.Kind != NetworkKind.BinaryPerceptron && PlanePair(spec, solutions) is { } pair)
        {
            var (a, b) = pair;
            foreach (var space in new[] { "raw", "normalized" })
                add(StageKinds.Plane, Stages.PlaneStageSettings.Of(architecture, space, a.Name, b.Name, p).ToJson(),
                    [data.Key, a.Train.Key, b.Train.Key, canon[a.Name].Key, canon[b.Name].Key, Align(a, b).Key],
                    $"plane/{exp}/{space}/{a.Name}_{b.Name}");
        }

        if (aligns.Count > 0)
            add(StageKinds.Distances, new JsonObject
            {
                ["architecture"] = architecture,
                ["experiment"] = exp,
                ["pairs"] = new JsonArray(aligns.Keys.Select(k => (JsonNode?)new JsonArray(k.Item1, k.Item2)).ToArray()),
            }, aligns.Values.Select(s => s.Key).ToList(), $"distances/{exp}");
    }

    /// <summary>The experiment's solutions in spec order (algorithm order, then seed order), from its planned train stages.</summary>
    public static IReadOnlyList<Solution> Solutions(ExperimentSpec spec, IReadOnlyList<Stage> planned)
    {
        var trains = planned.Where(s => s.Kind == StageKinds.Train && s.Experiments.Contains(spec.Name)).ToList();
        var result = new List<Solution>();
        foreach (var algo in spec.Algorithms)
        foreach (var seed in spec.Seeds)
        {
            var train = trains.FirstOrDefault(s => (string?)s.Settings["algorithm"]?["name"] == algo.Name && (int?)s.Settings["seed"] == seed);
            if (train is not null) result.Add(new Solution($"{algo.Name}-s{seed}", algo.Name, train));
        }
        return result;
    }

    /// <summary>The two algorithms sorted by the experiment's algorithm order, joined by '-' (e.g. <c>rsgd-sgd</c>).</summary>
    public static string PairType(ExperimentSpec spec, string a, string b)
    {
        var order = spec.Algorithms.Select(x => x.Name).ToList();
        return order.IndexOf(a) <= order.IndexOf(b) ? $"{a}-{b}" : $"{b}-{a}";
    }

    /// <summary>Every unordered pair (i &lt; j) in solution order.</summary>
    public static IEnumerable<(Solution A, Solution B)> Pairs(IReadOnlyList<Solution> solutions) =>
        solutions.SelectMany((a, i) => solutions.Skip(i + 1).Select(b => (a, b)));

    /// <summary>
    /// The pairs the probes measure: every pair, or with <c>probes.pairs_per_type</c> = n the first n pairs of each pair type in
    /// <see cref="Pairs"/> order (so the pairs kept do not depend on the other pair types).
    /// </summary>
    public static IReadOnlyList<(Solution A, Solution B)> ProbedPairs(ExperimentSpec spec, IReadOnlyList<Solution> solutions)
    {
        var all = Pairs(solutions).ToList();
        var cap = spec.Probes.PairsPerType;
        if (cap == 0) return all;
        var taken = new Dictionary<string, int>();
        return all.Where(p =>
        {
            var type = PairType(spec, p.A.Algorithm, p.B.Algorithm);
            var n = taken.GetValueOrDefault(type);
            taken[type] = n + 1;
            return n < cap;
        }).ToList();
    }

    /// <summary>
    /// The plane's pair (METHOD.md §4, the paper's Fig. 4): the first RSGD solution and the first ADV solution, the plane then
    /// passing through A, B unaligned and B aligned to A; without one of those algorithms, the first solutions of the first
    /// two algorithms, and with a single algorithm its first two solutions; null with fewer than two solutions.
    /// </summary>
    public static (Solution A, Solution B)? PlanePair(ExperimentSpec spec, IReadOnlyList<Solution> solutions)
    {
        Solution? First(string algorithm) => solutions.FirstOrDefault(s => s.Algorithm == algorithm);
        if (First("rsgd") is { } rsgd && First("adv") is { } adv) return (rsgd, adv);
        var firsts = spec.Algorithms.Select(a => First(a.Name)).OfType<Solution>().ToList();
        if (firsts.Count >= 2) return (firsts[0], firsts[1]);
        return solutions.Count >= 2 ? (solutions[0], solutions[1]) : null;
    }

    /// <summary>
    /// The written architecture of a train stage's settings: <c>network.architecture</c> when present, else
    /// <c>network.arch</c> when it is written in full (e.g. <c>mlp:784,500,500,10</c>), else <c>network.arch</c> with
    /// <c>network.sizes</c>.
    /// </summary>
    public static string ArchitectureOf(JsonObject trainSettings)
    {
        var network = (JsonObject)trainSettings["network"]!;
        if (network["architecture"] is JsonValue written) return Architecture.Parse((string)written!).ToString();
        var arch = (string)network["arch"]!;
        if (arch.Contains(':')) return Architecture.Parse(arch).ToString();
        var sizes = ((JsonArray)network["sizes"]!).Select(n => (int)n!);
        return Architecture.Parse($"{arch}:{string.Join(",", sizes)}").ToString();
    }

    /// <summary>
    /// The target norms as stage settings: <c>hidden_norm</c>, <c>output_norm</c> (a number, or the default rule's name)
    /// and <c>bn_affine_norm</c>; read back by <c>StageSettings.Normalization</c>.
    /// </summary>
    public static JsonObject Normalization(NormalizationSettings n) => new()
    {
        ["hidden_norm"] = n.HiddenNorm is { } h ? JsonValue.Create(h) : JsonValue.Create(SpecDefaults.HiddenNormRule),
        ["output_norm"] = n.OutputNorm is { } o ? JsonValue.Create(o) : JsonValue.Create(SpecDefaults.OutputNormRule),
        ["bn_affine_norm"] = n.BatchNormAffineNorm,
    };

    private static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
