using ScottPlot;
using Reproduce.Harness.Findings;

namespace Reproduce.Harness.Plots;

/// <summary>
/// Fig. 7: mean barrier (± std over pairs) per pair type for each path kind, unaligned, aligned, and optimized, as bars:
/// removing the symmetries and optimizing the midpoint should each lower them.
/// </summary>
public static class BarriersFigure
{
    /// <summary>Builds the panel.</summary>
    public static IReadOnlyList<Plot> Panels(ExperimentResults r)
    {
        var p = Plots.Panels.New("Barriers per pair type", "pair type", "barrier (max train error along the path)");
        var series = PathProfilesFigure.KindOrder.Where(k => r.Paths.Any(x => !x.Optimized && x.Kind == k)).Select(k => (Label: k, Optimized: false, Kind: k))
            .Concat(PathProfilesFigure.KindOrder.Where(k => r.Paths.Any(x => x.Optimized && x.Kind == k)).Select(k => (Label: $"optimized {k}", Optimized: true, Kind: k)))
            .ToList();
        if (series.Count == 0)
        {
            Plots.Panels.Note(p, "no path results stored");
            return [p];
        }
        var types = r.PairTypes(r.Paths.Select(x => x.PairType));
        var width = 0.8 / series.Count;
        for (var s = 0; s < series.Count; s++)
        {
            var bars = new List<Bar>();
            for (var i = 0; i < types.Count; i++)
            {
                var v = r.Paths.Where(x => x.Optimized == series[s].Optimized && x.Kind == series[s].Kind && x.PairType == types[i]).Select(x => x.Barrier).ToList();
                if (v.Count == 0) continue;
                var mean = v.Average();
                bars.Add(new Bar
                {
                    Position = i - 0.4 + width * (s + 0.5), Value = mean, Error = Math.Sqrt(v.Average(x => (x - mean) * (x - mean))), Size = width * 0.9,
                    FillColor = Palette.Nth(s),
                });
            }
            p.Add.Bars(bars);
            p.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Label, FillColor = Palette.Nth(s) });
        }
        Plots.Panels.CategoryTicks(p, types.Select(t => t.ToUpperInvariant()).ToList());
        Plots.Panels.Headroom(p, 1.6);
        Plots.Panels.Legend(p, Alignment.UpperLeft);
        return [p];
    }
}
