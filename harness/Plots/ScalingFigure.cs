using ScottPlot;
using Reproduce.Harness.Findings;

namespace Reproduce.Harness.Plots;

/// <summary>
/// Figs. 6, 18, 19: a size series of binary experiments (HMM input size N, or hidden width): local energy ΔE(p*), test
/// error and the mean barrier of random Hamming paths (solid) and of aligned ones (dashed) against the size; mean ± std
/// over solutions (or pairs) shaded.
/// </summary>
public static class ScalingFigure
{
    /// <summary>Builds the three panels.</summary>
    public static IReadOnlyList<Plot> Panels(IReadOnlyList<ScalingPoint> series, IReadOnlyList<string> algorithms, double flipStar, string xLabel)
    {
        var points = series.OrderBy(p => p.X).ToList();
        var energy = Plots.Panels.New($"Local energy at p* = {flipStar:0.###}", xLabel, "ΔE");
        var test = Plots.Panels.New("Test error", xLabel, "test error");
        var barrier = Plots.Panels.New("Barrier of random paths", xLabel, "max train error along the path");
        foreach (var a in algorithms)
        {
            AddSeries(energy, points, p => p.Results.LocalEnergies.Where(e => e.Algorithm == a).Select(e => e.At(flipStar)), Palette.Algorithm(a), a.ToUpperInvariant());
            AddSeries(test, points, p => p.Results.Solutions.Where(s => s.Algorithm == a).Select(s => s.TestError)
                .DefaultIfEmpty(double.NaN).Concat(p.Results.Solutions.Any(s => s.Algorithm == a) ? [] : p.Results.LocalEnergies.Where(e => e.Algorithm == a).Select(e => e.TestError)),
                Palette.Algorithm(a), a.ToUpperInvariant());
        }
        var types = points.SelectMany(p => p.Results.PairTypes(p.Results.Paths.Select(x => x.PairType))).Distinct().ToList();
        foreach (var t in types)
        {
            var color = Palette.PairType(t, types);
            AddSeries(barrier, points, p => p.Results.Paths.Where(x => !x.Optimized && x.Kind == "hamming" && x.PairType == t).Select(x => x.Barrier), color, $"{t.ToUpperInvariant()}");
            AddSeries(barrier, points, p => p.Results.Paths.Where(x => !x.Optimized && x.Kind == "hamming-aligned" && x.PairType == t).Select(x => x.Barrier), color,
                $"{t.ToUpperInvariant()} aligned", dashed: true);
        }
        foreach (var p in new[] { energy, test, barrier })
        {
            if (!p.GetPlottables().Any()) Plots.Panels.Note(p, "nothing stored for this series");
            else if (p == barrier) p.ShowLegend(Edge.Right); // one entry per pair type and kind: beside the panel
            else Plots.Panels.Legend(p, Alignment.UpperRight);
        }
        return [energy, test, barrier];
    }

    private static void AddSeries(Plot p, IReadOnlyList<ScalingPoint> points, Func<ScalingPoint, IEnumerable<double>> values, Color color, string label, bool dashed = false)
    {
        var xs = new List<double>();
        var means = new List<double>();
        var stds = new List<double>();
        foreach (var point in points)
        {
            var v = values(point).Where(double.IsFinite).ToList();
            if (v.Count == 0) continue;
            var m = v.Average();
            xs.Add(point.X);
            means.Add(m);
            stds.Add(Math.Sqrt(v.Average(x => (x - m) * (x - m))));
        }
        if (xs.Count == 0) return;
        Plots.Panels.AddBand(p, new Band(xs.ToArray(), means.ToArray(), stds.ToArray()), color, label, dashed, markers: true);
    }
}
