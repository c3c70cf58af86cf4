using Reproduce.Core.Geometry;
using Reproduce.Core.Symmetry;
using static TorchSharp.torch;

namespace Reproduce.Core.Probes;

/// <summary>
/// The 2-D section through three networks (METHOD.md §4, Garipov et al.) evaluated on a grid: with the plane of
/// <see cref="PlaneSection"/> (w1 at (0, 0), w2 at (‖w2 − w1‖, 0), w3 above the x axis), the grid is
/// <c>resolution</c> evenly spaced values over the points' range widened by <c>margin</c>·range on each side, on each
/// axis, plus the three points' own coordinates (so each network is evaluated exactly where it lies).
/// Binary nets are evaluated on their latent weights; the forward takes the signs at each grid point.
/// </summary>
public static class PlaneGrid
{
    /// <summary>The grid values of one axis: <paramref name="resolution"/> even steps over [lo − m·(hi − lo), hi + m·(hi − lo)] ∪ <paramref name="exact"/>.</summary>
    public static IReadOnlyList<double> Axis(IReadOnlyList<double> exact, int resolution, double margin)
    {
        if (resolution < 2) throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "at least 2 grid values per axis");
        double lo = exact.Min(), hi = exact.Max(), span = hi - lo;
        double from = lo - margin * span, to = hi + margin * span;
        var values = Enumerable.Range(0, resolution).Select(i => from + (to - from) * i / (resolution - 1)).Concat(exact).Order().ToList();
        // Keep each exact coordinate and drop an even-grid value within a hair of it (they would plot as one column).
        var tolerance = 1e-9 * Math.Max(1, Math.Abs(to - from));
        var kept = new List<double>();
        foreach (var v in values)
        {
            if (kept.Count > 0 && Math.Abs(v - kept[^1]) <= tolerance)
            {
                if (exact.Contains(v)) kept[^1] = v;
                continue;
            }
            kept.Add(v);
        }
        return kept;
    }

    /// <summary>Evaluates train and test error at every grid point of the plane through w1, w2, w3 (none modified).</summary>
    public static PlaneResult Evaluate(NetworkEvaluator evaluator, UnitLayout layout, IReadOnlyDictionary<string, Tensor> w1,
        IReadOnlyDictionary<string, Tensor> w2, IReadOnlyDictionary<string, Tensor> w3, int resolution, double margin,
        Action<double>? progress = null)
    {
        using var plane = new PlaneSection(layout, w1, w2, w3);
        var points = plane.Coordinates;
        var xs = Axis(points.Select(p => p.X).ToList(), resolution, margin);
        var ys = Axis(points.Select(p => p.Y).ToList(), resolution, margin);
        var train = new double[ys.Count][];
        var test = new double[ys.Count][];
        for (var j = 0; j < ys.Count; j++)
        {
            train[j] = new double[xs.Count];
            test[j] = new double[xs.Count];
            for (var i = 0; i < xs.Count; i++)
            {
                using var scope = NewDisposeScope();
                (train[j][i], test[j][i]) = evaluator.Evaluate(plane.Point(xs[i], ys[j]));
                progress?.Invoke((j * xs.Count + i + 1.0) / (xs.Count * ys.Count));
            }
        }
        return new PlaneResult(xs, ys, train, test, points);
    }
}
