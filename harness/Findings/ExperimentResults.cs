namespace Reproduce.Harness.Findings;

/// <summary>Everything stored for one experiment that plots, findings and the report read (docs/stages.md formats).</summary>
/// <param name="Experiment">Experiment name.</param>
/// <param name="Algorithms">The experiment's algorithms in spec order (the order of pair types).</param>
/// <param name="Solutions">Train manifests, one per solution.</param>
/// <param name="LocalEnergies">One per solution with a local-energy stage.</param>
/// <param name="Paths">Every path and optimized path.</param>
/// <param name="Planes">Every 2-D section.</param>
/// <param name="Distances">Rows of distances.csv (or, without a distances stage, of each alignment.json).</param>
/// <param name="Invariances">Exactness checks stored by canonicalize and align stages.</param>
public sealed record ExperimentResults(
    string Experiment,
    IReadOnlyList<string> Algorithms,
    IReadOnlyList<SolutionResult> Solutions,
    IReadOnlyList<LocalEnergyResult> LocalEnergies,
    IReadOnlyList<PathResult> Paths,
    IReadOnlyList<PlaneResult> Planes,
    IReadOnlyList<DistanceResult> Distances,
    IReadOnlyList<InvarianceCheck> Invariances)
{
    /// <summary>The algorithm of a solution named <c>&lt;algorithm&gt;-s&lt;seed&gt;</c>.</summary>
    public static string AlgorithmOf(string solution)
    {
        var i = solution.LastIndexOf("-s", StringComparison.Ordinal);
        return i > 0 ? solution[..i] : solution;
    }

    /// <summary>Pair types present in the paths, in the order of <see cref="Algorithms"/> (rsgd-rsgd, rsgd-sgd, …).</summary>
    public IReadOnlyList<string> PairTypes(IEnumerable<string> present)
    {
        var set = present.ToHashSet();
        var ordered = new List<string>();
        for (var i = 0; i < Algorithms.Count; i++)
        for (var j = i; j < Algorithms.Count; j++)
            if (set.Remove($"{Algorithms[i]}-{Algorithms[j]}")) ordered.Add($"{Algorithms[i]}-{Algorithms[j]}");
        ordered.AddRange(set.Order(StringComparer.Ordinal));
        return ordered;
    }
}
