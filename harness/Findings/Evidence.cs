namespace Reproduce.Harness.Findings;

/// <summary>
/// An experiment's stored results split into what may be read as evidence (METHOD.md §8: only solutions that reached
/// their train-error threshold, and optimized paths whose midpoints reached theirs) and what is left out. A solution
/// counts as converged only when its train manifest says <c>converged: true</c>; a probe result whose solution has no
/// train manifest among the inputs is left out, never assumed converged.
/// </summary>
/// <param name="Kept">Converged solutions, their local energies, paths and distances between two converged solutions,
/// optimized paths whose endpoints and midpoint(s) converged. Invariance checks are all kept (I1 is exact for any weights), and so
/// are planes (no finding reads them; the figures show them).</param>
/// <param name="LeftOut">Everything else, for the counts the report shows.</param>
public sealed record Evidence(ExperimentResults Kept, ExperimentResults LeftOut)
{
    /// <summary>Splits <paramref name="r"/> into kept and left-out inputs.</summary>
    public static Evidence Of(ExperimentResults r)
    {
        var converged = r.Solutions.Where(s => s.Converged).Select(s => s.Name).ToHashSet();
        bool Ok(string solution) => converged.Contains(solution);
        bool PathOk(PathResult p) => Ok(p.A) && Ok(p.B) && (!p.Optimized || p.Midpoint is { Converged: true });
        bool DistanceOk(DistanceResult d) => Ok(d.A) && Ok(d.B);
        var kept = r with
        {
            Solutions = r.Solutions.Where(s => s.Converged).ToList(),
            LocalEnergies = r.LocalEnergies.Where(e => Ok(e.Solution)).ToList(),
            Paths = r.Paths.Where(PathOk).ToList(),
            Distances = r.Distances.Where(DistanceOk).ToList(),
        };
        var leftOut = r with
        {
            Solutions = r.Solutions.Where(s => !s.Converged).ToList(),
            LocalEnergies = r.LocalEnergies.Where(e => !Ok(e.Solution)).ToList(),
            Paths = r.Paths.Where(p => !PathOk(p)).ToList(),
            Planes = [],
            Distances = r.Distances.Where(d => !DistanceOk(d)).ToList(),
            Invariances = [],
        };
        return new Evidence(kept, leftOut);
    }

    /// <summary>"k of n solutions converged (rsgd a/b, sgd c/d, …)" over the algorithms of <paramref name="algorithms"/>.</summary>
    public string SolutionCounts(IReadOnlyList<string> algorithms)
    {
        var all = Kept.Solutions.Concat(LeftOut.Solutions).ToList();
        var parts = algorithms.Select(a => $"{a} {Kept.Solutions.Count(s => s.Algorithm == a)}/{all.Count(s => s.Algorithm == a)}");
        return $"{Kept.Solutions.Count} of {all.Count} solutions converged ({string.Join(", ", parts)})";
    }

    /// <summary>Why a path was left out: an endpoint did not converge, or (optimized) its midpoint did not.</summary>
    public string PathCounts(Func<PathResult, bool> which, string what)
    {
        var kept = Kept.Paths.Count(which);
        var left = LeftOut.Paths.Where(which).ToList();
        if (left.Count == 0) return $"{kept} {what}";
        bool Endpoint(PathResult p) => !Kept.Solutions.Any(s => s.Name == p.A) || !Kept.Solutions.Any(s => s.Name == p.B);
        var endpoint = left.Count(Endpoint);
        var unrecorded = left.Count(p => !Endpoint(p) && p.Midpoint is null or { Recorded: false });
        var midpoint = left.Count - endpoint - unrecorded;
        var why = new List<string>();
        if (endpoint > 0) why.Add($"{endpoint} with an unconverged endpoint");
        if (midpoint > 0) why.Add($"{midpoint} whose midpoint did not reach its threshold");
        if (unrecorded > 0) why.Add($"{unrecorded} whose manifest does not record midpoint_converged (an older optimized-path stage)");
        return $"{kept} of {kept + left.Count} {what} used ({string.Join(", ", why)} left out)";
    }
}
