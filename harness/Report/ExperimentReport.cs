using Reproduce.Harness.Findings;
using Reproduce.Harness.Specs;

namespace Reproduce.Harness.Report;

/// <summary>What the report says about one experiment.</summary>
/// <param name="Spec">The resolved spec.</param>
/// <param name="SpecSha256">SHA-256 of the spec file (null when it cannot be read).</param>
/// <param name="Solutions">Each solution's train/test error and convergence.</param>
/// <param name="Findings">F1-F11 and I1.</param>
/// <param name="FindingsSource">Where the findings come from (the findings stage, or evaluated by the report, or none).</param>
/// <param name="Figures">The experiment's figures, drawn or not.</param>
/// <param name="Skipped">Why the experiment was skipped in this run (its data set cannot be had here); null when it was not.</param>
/// <param name="MidpointsConverged">Optimized paths whose midpoint(s) reached their train-error threshold.</param>
/// <param name="Midpoints">Optimized paths stored.</param>
/// <param name="MidpointsUnrecorded">Optimized paths whose manifest does not record <c>midpoint_converged</c> (an older stage version).</param>
public sealed record ExperimentReport(ExperimentSpec Spec, string? SpecSha256, IReadOnlyList<SolutionResult> Solutions, IReadOnlyList<Finding> Findings,
    string FindingsSource, IReadOnlyList<FigureEntry> Figures, string? Skipped = null, int MidpointsConverged = 0, int Midpoints = 0, int MidpointsUnrecorded = 0)
{
    /// <summary>Solutions whose train manifest says converged.</summary>
    public int SolutionsConverged => Solutions.Count(s => s.Converged);

    /// <summary>"6/9 solutions, 2/4 midpoints converged" (midpoints only where optimized paths are stored).</summary>
    public string ConvergenceText =>
        $"{SolutionsConverged} of {Solutions.Count} solutions" + (Midpoints > 0 ? $" and {MidpointsConverged} of {Midpoints} optimized-path midpoints" : "") + " converged" +
        (MidpointsUnrecorded > 0 ? $" ({MidpointsUnrecorded} optimized paths do not record whether their midpoint converged: an older stage, left out)" : "");

    /// <summary>The matrix's midpoint cell: "2/4", "?/18" when some manifests do not record convergence, "—" without optimized paths.</summary>
    public string MidpointCell => Midpoints == 0 ? "—" : MidpointsUnrecorded > 0 ? $"?/{Midpoints}" : $"{MidpointsConverged}/{Midpoints}";
}
