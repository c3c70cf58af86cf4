namespace Reproduce.Harness.Findings;

/// <summary>One experiment of a size series (Figs. 6, 18, 19): its size <paramref name="X"/> (HMM input size N, or hidden width) and results.</summary>
/// <param name="X">The size that varies along the series.</param>
/// <param name="Results">The experiment's stored results.</param>
public sealed record ScalingPoint(double X, ExperimentResults Results);
