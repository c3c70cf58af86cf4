using ScottPlot;
using Reproduce.Harness.Findings;

namespace Reproduce.Harness.Plots;

/// <summary>
/// Figs. 2 and 3: train error along the paths between pairs of solutions, one panel per path kind (linear,
/// linear-aligned, geodesic-aligned; binary: hamming, hamming-aligned), one curve per pair type: the mean over the pairs
/// of that type with ± std shaded. Optimized paths (Fig. 3) mark the trained midpoint at t = 0.5.
/// </summary>
public static class PathProfilesFigure
{
    /// <summary>Path kinds in the paper's panel order.</summary>
    public static readonly IReadOnlyList<string> KindOrder = ["linear", "linear-aligned", "geodesic-aligned", "hamming", "hamming-aligned"];

    /// <summary>Builds one panel per stored path kind.</summary>
    public static IReadOnlyList<Plot> Panels(ExperimentResults r, bool optimized)
    {
        var paths = r.Paths.Where(p => p.Optimized == optimized).ToList();
        var kinds = KindOrder.Where(k => paths.Any(p => p.Kind == k)).Concat(paths.Select(p => p.Kind).Distinct().Except(KindOrder)).ToList();
        if (kinds.Count == 0)
        {
            var empty = Plots.Panels.New(optimized ? "Optimized paths" : "Paths", "t", "train error");
            Plots.Panels.Note(empty, $"no {(optimized ? "optimized-path" : "path")} results stored");
            return [empty];
        }
        var types = r.PairTypes(paths.Select(p => p.PairType));
        var top = paths.Max(p => p.TrainError.Where(double.IsFinite).DefaultIfEmpty(0).Max() + 0.0);
        var panels = new List<Plot>();
        foreach (var kind in kinds)
        {
            var panel = Plots.Panels.New(optimized ? $"{kind}, optimized midpoint" : kind, "t (A → B)", "train error");
            foreach (var type in types)
            {
                var curves = paths.Where(p => p.Kind == kind && p.PairType == type).Select(p => (p.T, p.TrainError)).ToList();
                if (Band.Of(curves) is not { } band) continue;
                Plots.Panels.AddBand(panel, band, Palette.PairType(type, types), $"{type.ToUpperInvariant()} (n={curves.Count})");
            }
            if (optimized) panel.Add.VerticalLine(0.5, 1, Colors.Gray, LinePattern.Dotted);
            panel.Axes.SetLimits(0, 1, 0, Math.Max(0.02, top * 1.6)); // headroom for the legend
            Plots.Panels.Legend(panel);
            panels.Add(panel);
        }
        return panels;
    }
}
