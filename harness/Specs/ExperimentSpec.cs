namespace Reproduce.Harness.Specs;

/// <summary>One experiment of the paper, resolved for one profile: typed, with every default filled in.</summary>
/// <param name="Name">Unique experiment name (<c>experiment</c>).</param>
/// <param name="Description">Free text.</param>
/// <param name="SourceFile">The spec file it came from.</param>
/// <param name="Profile">The profile asked for ("" for the base spec); a spec without that profile section reads as its base.</param>
/// <param name="Data">The data set.</param>
/// <param name="Network">The architecture.</param>
/// <param name="Seeds">One solution per seed and algorithm.</param>
/// <param name="Algorithms">Training algorithms, in spec order.</param>
/// <param name="Probes">Probe settings (used by the probe stages).</param>
/// <param name="Device">cpu, cuda or auto.</param>
public sealed record ExperimentSpec(
    string Name,
    string Description,
    string SourceFile,
    string Profile,
    DataSpec Data,
    NetworkSpec Network,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<AlgorithmSpec> Algorithms,
    ProbeSpec Probes,
    string Device)
{
    /// <summary>How findings are judged and which appendix figures are drawn (the <c>findings</c> section).</summary>
    public FindingsSpec Findings { get; init; } = FindingsSpec.Default;

    /// <summary>
    /// Whether this profile runs the experiment (<c>enabled</c>, a size field): a profile may leave some experiments out,
    /// e.g. the smoke profile runs every other size of a series. A disabled experiment is not planned.
    /// </summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Cluster resources per stage kind (<c>resources</c>), for the Slurm executor; never part of a stage key.</summary>
    public IReadOnlyDictionary<string, ResourceSpec> Resources { get; init; } = new Dictionary<string, ResourceSpec>();
}
