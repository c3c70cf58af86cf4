using ScottPlot;
using Reproduce.Harness.Findings;

namespace Reproduce.Harness.Plots;

/// <summary>
/// Fig. 5 (appendix 17): distances between solutions per pair type (mean ± std over pairs) before and after alignment,
/// the normalized-aligned geodesic distance, and the distances of optimized midpoints to each end.
/// </summary>
public static class DistancesFigure
{
    /// <summary>Builds up to three panels: raw vs aligned, normalized-aligned, midpoints.</summary>
    public static IReadOnlyList<Plot> Panels(ExperimentResults r)
    {
        var panels = new List<Plot>();
        var d = r.Distances;
        var types = r.PairTypes(d.Select(x => x.PairType));
        var binary = d.Any(x => x.HammingAligned is not null);
        var first = binary
            ? Grouped("Hamming distance", types, d, [("raw", x => x.HammingRaw), ("aligned", x => x.HammingAligned)], "fraction of differing weights")
            : Grouped("Euclidean distance", types, d, [("raw", x => x.EuclideanRaw), ("aligned", x => x.EuclideanAligned)], "||A − B|| (weights)");
        panels.Add(first);
        if (!binary)
            panels.Add(Grouped("Normalized and aligned", types, d, [("geodesic", x => x.GeodesicNormalizedAligned)], "geodesic distance on the torus"));

        var mids = r.Paths.Where(p => p.Optimized && p.DistanceAM is not null && p.DistanceMB is not null).ToList();
        var kind = new[] { "geodesic-aligned", "hamming-aligned", "linear-aligned", "linear", "hamming" }.FirstOrDefault(k => mids.Any(p => p.Kind == k));
        var mp = Plots.Panels.New(kind is null ? "Optimized midpoints" : $"Optimized midpoints ({kind})", "pair type", "distance to the midpoint M");
        if (kind is null) Plots.Panels.Note(mp, "no optimized paths with midpoint distances stored");
        else
        {
            var ofKind = mids.Where(p => p.Kind == kind).ToList();
            var mtypes = r.PairTypes(ofKind.Select(p => p.PairType));
            AddBars(mp, mtypes, [("d(A, M): first of the pair", t => ofKind.Where(p => p.PairType == t).Select(p => p.DistanceAM!.Value).ToList()),
                ("d(M, B): second of the pair", t => ofKind.Where(p => p.PairType == t).Select(p => p.DistanceMB!.Value).ToList())]);
        }
        panels.Add(mp);
        return panels;
    }

    private static Plot Grouped(string title, IReadOnlyList<string> types, IReadOnlyList<DistanceResult> d,
        IReadOnlyList<(string Label, Func<DistanceResult, double?> Pick)> metrics, string yLabel)
    {
        var p = Plots.Panels.New(title, "pair type", yLabel);
        if (d.Count == 0 || metrics.All(m => d.All(x => m.Pick(x) is null)))
        {
            Plots.Panels.Note(p, "no distances stored");
            return p;
        }
        AddBars(p, types, metrics.Select(m => (m.Label, (Func<string, List<double>>)(t =>
            d.Where(x => x.PairType == t && m.Pick(x) is not null).Select(x => m.Pick(x)!.Value).ToList()))).ToList());
        return p;
    }

    private static void AddBars(Plot p, IReadOnlyList<string> types, IReadOnlyList<(string Label, Func<string, List<double>> Values)> series)
    {
        var width = 0.8 / series.Count;
        for (var s = 0; s < series.Count; s++)
        {
            var bars = new List<Bar>();
            for (var i = 0; i < types.Count; i++)
            {
                var v = series[s].Values(types[i]);
                if (v.Count == 0) continue;
                var mean = v.Average();
                var std = Math.Sqrt(v.Average(x => (x - mean) * (x - mean)));
                bars.Add(new Bar { Position = i - 0.4 + width * (s + 0.5), Value = mean, Error = std, Size = width * 0.9, FillColor = Palette.Nth(s) });
            }
            p.Add.Bars(bars);
            p.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Label, FillColor = Palette.Nth(s) });
        }
        Plots.Panels.CategoryTicks(p, types.Select(t => t.ToUpperInvariant()).ToList());
        Plots.Panels.Headroom(p);
        Plots.Panels.Legend(p);
    }
}
