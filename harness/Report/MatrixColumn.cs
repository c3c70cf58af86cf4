using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Report;

/// <summary>One experiment's column of the findings matrix.</summary>
/// <param name="Experiment">The experiment.</param>
/// <param name="Group">The column group (network, and task for a series): "MLP", "HMM committee".</param>
/// <param name="Label">The label under the group: "MNIST", "N=800", "w=101".</param>
/// <param name="SizeLabel">Why its solutions are not expected to converge, if the spec says so (<c>findings.underparameterized</c>,
/// <c>findings.beyond_sgd</c>); <see cref="SizeLabel.None"/> otherwise.</param>
public sealed record MatrixColumn(ExperimentReport Experiment, string Group, string Label, SizeLabel SizeLabel)
{
    /// <summary>The report's words for <see cref="SizeLabel"/>; null when the column has none.</summary>
    public SizeLabelText? SizeText => SizeLabelText.Of(SizeLabel);
}
