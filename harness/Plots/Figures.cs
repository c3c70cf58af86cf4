using Reproduce.Harness.Planning;
using Reproduce.Harness.Findings;

namespace Reproduce.Harness.Plots;

/// <summary>The catalogue of figure types (one per figure type of the paper) and the facade that draws one from stored results.</summary>
public static class Figures
{
    /// <summary>Fig. 1.</summary>
    public static readonly FigureType LocalEnergy = new("local-energy", "Fig. 1",
        "Local energy ΔE against the perturbation (mean over each algorithm's solutions, ± std shaded), and each solution's test error against its ΔE at σ*.",
        [StageKinds.LocalEnergy], 2);

    /// <summary>Fig. 2 (appendix Fig. 9).</summary>
    public static readonly FigureType Paths = new("paths", "Fig. 2 (appendix Fig. 9)",
        "Train error along the paths between pairs of solutions, one panel per path kind, one curve per pair type (mean ± std over pairs).",
        [StageKinds.Path], 3);

    /// <summary>Fig. 3 (appendix Fig. 10).</summary>
    public static readonly FigureType OptimizedPaths = new("optimized-paths", "Fig. 3 (appendix Fig. 10)",
        "Train error along single-bend optimized paths (trained midpoint at t = 0.5), one panel per path kind, one curve per pair type.",
        [StageKinds.OptimizedPath], 3);

    /// <summary>Figs. 4 and 8 (appendix 12-16, 20-23).</summary>
    public static readonly FigureType Planes = new("planes", "Fig. 4; binary nets Fig. 8 (appendix Figs. 12-16, 20-23)",
        "Train error on 2-D sections through three solutions, raw and normalized, with the three solutions marked.",
        [StageKinds.Plane], 2);

    /// <summary>Fig. 5 (appendix Fig. 17).</summary>
    public static readonly FigureType Distances = new("distances", "Fig. 5 (appendix Fig. 17)",
        "Distances between solutions per pair type before and after alignment, after normalization and alignment, and of optimized midpoints to each end.",
        [StageKinds.Distances, StageKinds.Align, StageKinds.OptimizedPath], 3);

    /// <summary>Figs. 6, 18, 19.</summary>
    public static readonly FigureType Scaling = new("scaling", "Fig. 6 (appendix Figs. 18, 19)",
        "A size series of binary experiments: local energy, test error and random-path barriers (raw and aligned) against the size.",
        [StageKinds.Train, StageKinds.LocalEnergy, StageKinds.Path], 3);

    /// <summary>Fig. 7.</summary>
    public static readonly FigureType Barriers = new("barriers", "Fig. 7",
        "Mean barrier per pair type for each path kind: unaligned, aligned and optimized.",
        [StageKinds.Path, StageKinds.OptimizedPath], 1, PanelWidth: 960);

    /// <summary>Appendix Fig. 11.</summary>
    public static readonly FigureType PlaneTest = new("plane-test", "appendix Fig. 11",
        "Train and test error side by side on each 2-D section.",
        [StageKinds.Plane], 2);

    /// <summary>Every figure type.</summary>
    public static readonly IReadOnlyList<FigureType> All = [LocalEnergy, Paths, OptimizedPaths, Planes, Distances, Scaling, Barriers, PlaneTest];

    /// <summary>The figure type named <paramref name="name"/>.</summary>
    public static FigureType Get(string name) =>
        All.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"unknown figure type '{name}'; known: {string.Join(", ", All.Select(f => f.Name))}");

    /// <summary>
    /// Draws figure <paramref name="name"/> from stored results into <c>&lt;stem&gt;.png</c> and <c>.svg</c>.
    /// <paramref name="star"/> is σ* (or p* for binary nets); <paramref name="series"/> and <paramref name="xLabel"/> serve the scaling figure.
    /// </summary>
    public static (string Png, string Svg) Draw(string name, string stem, string title, ExperimentResults r, double star,
        IReadOnlyList<ScalingPoint> series, string xLabel)
    {
        var type = Get(name);
        var panels = name switch
        {
            "local-energy" => LocalEnergyFigure.Panels(r, star),
            "paths" => PathProfilesFigure.Panels(r, optimized: false),
            "optimized-paths" => PathProfilesFigure.Panels(r, optimized: true),
            "planes" => PlaneFigure.Panels(r, withTest: false),
            "plane-test" => PlaneFigure.Panels(r, withTest: true),
            "distances" => DistancesFigure.Panels(r),
            "scaling" => ScalingFigure.Panels(series, r.Algorithms, star, xLabel),
            "barriers" => BarriersFigure.Panels(r),
            _ => throw new ArgumentException(name),
        };
        return FigureCanvas.Save(stem, title, panels, type.Columns, type.PanelWidth);
    }
}
