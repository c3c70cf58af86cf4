namespace Reproduce.Harness.Specs;

/// <summary>Landscape probe settings (METHOD.md §4-§5); read now, used by the probe stages.</summary>
/// <param name="Sigmas">Local energy noise levels σ (continuous nets).</param>
/// <param name="FlipFractions">Local energy flip fractions p (binary nets).</param>
/// <param name="Draws">Noise draws per σ or p.</param>
/// <param name="PathPoints">Points along each path, endpoints included.</param>
/// <param name="EvalTrainSubset">Train samples used by probes (0 = all).</param>
public sealed record ProbeSpec(IReadOnlyList<double> Sigmas, IReadOnlyList<double> FlipFractions, int Draws, int PathPoints,
    int EvalTrainSubset);
