using ScottPlot;
using Reproduce.Harness.Findings;

namespace Reproduce.Harness.Plots;

/// <summary>
/// Fig. 1: local energy ΔE(σ) of each algorithm (mean over its solutions, ± std shaded) and, beside it, each solution's
/// test error against its ΔE(σ*) (flatness predicts generalization).
/// </summary>
public static class LocalEnergyFigure
{
    /// <summary>Builds the two panels.</summary>
    public static IReadOnlyList<Plot> Panels(ExperimentResults r, double star)
    {
        var binary = r.LocalEnergies.Any(e => e.Noise == "sign-flip");
        var level = binary ? "flip fraction p" : "noise σ (multiplicative Gaussian)";
        var left = Plots.Panels.New("Local energy", level, "ΔE (train error increase)");
        var right = Plots.Panels.New("Test error vs flatness", $"ΔE at {(binary ? "p" : "σ")}* = {star:0.###}", "test error");
        if (r.LocalEnergies.Count == 0)
        {
            Plots.Panels.Note(left, "no local-energy results stored");
            Plots.Panels.Note(right, "no local-energy results stored");
            return [left, right];
        }
        foreach (var algo in r.Algorithms.Where(a => r.LocalEnergies.Any(e => e.Algorithm == a)))
        {
            var mine = r.LocalEnergies.Where(e => e.Algorithm == algo).ToList();
            var band = mine.Count == 1
                ? new Band(mine[0].Levels.ToArray(), mine[0].Mean.ToArray(), mine[0].Std.ToArray())
                : Band.Of(mine.Select(e => (e.Levels, e.Mean)).ToList())!;
            var test = Ranking.Mean(mine.Select(e => e.TestError).Where(double.IsFinite));
            Plots.Panels.AddBand(left, band, Palette.Algorithm(algo), $"{algo.ToUpperInvariant()} (n={mine.Count}, test {test:P1})", markers: true);
            var xs = mine.Select(e => e.At(star)).ToArray();
            var ys = mine.Select(e => e.TestError).ToArray();
            var m = right.Add.Markers(xs, ys, MarkerShape.FilledCircle, 9, Palette.Algorithm(algo));
            m.LegendText = algo.ToUpperInvariant();
        }
        Plots.Panels.Legend(left);
        Plots.Panels.Legend(right);
        return [left, right];
    }
}
