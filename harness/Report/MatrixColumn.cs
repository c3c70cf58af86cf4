namespace Reproduce.Harness.Report;

/// <summary>One experiment's column of the findings matrix.</summary>
/// <param name="Experiment">The experiment.</param>
/// <param name="Group">The column group (network, and task for a series): "MLP", "HMM committee".</param>
/// <param name="Label">The label under the group: "MNIST", "N=800", "w=101".</param>
/// <param name="Underparameterized">Below the interpolation threshold (<c>findings.underparameterized</c>).</param>
public sealed record MatrixColumn(ExperimentReport Experiment, string Group, string Label, bool Underparameterized);
