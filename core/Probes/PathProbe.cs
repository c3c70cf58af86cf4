using Reproduce.Core.Geometry;
using Reproduce.Core.Symmetry;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Probes;

/// <summary>
/// Evaluates paths between two networks through one <see cref="NetworkEvaluator"/> (METHOD.md §4). The endpoints are
/// given as the path kind needs them: raw A and B (linear, hamming), raw A and B aligned to A (linear-aligned), or
/// normalized A and B normalized-and-aligned (geodesic-aligned, hamming-aligned).
/// </summary>
public static class PathProbe
{
    /// <summary>The point at fraction t of a linear or geodesic kind (not Hamming: see <see cref="HammingPath"/>).</summary>
    public static Dictionary<string, Tensor> Point(PathKind kind, UnitLayout layout, IReadOnlyDictionary<string, Tensor> a,
        IReadOnlyDictionary<string, Tensor> b, double t) => kind switch
    {
        PathKind.Linear or PathKind.LinearAligned => LinearInterpolation.Point(a, b, t),
        PathKind.GeodesicAligned => Geodesic.Point(layout, a, b, t),
        _ => throw new ArgumentException($"{PathKinds.Name(kind)} paths are walked with {nameof(HammingPath)}", nameof(kind)),
    };

    /// <summary>Distance in the kind's metric: Euclidean (linear kinds), geodesic (geodesic-aligned), Hamming fraction (binary).</summary>
    public static double Distance(PathKind kind, UnitLayout layout, IReadOnlyDictionary<string, Tensor> a, IReadOnlyDictionary<string, Tensor> b) => kind switch
    {
        PathKind.Linear or PathKind.LinearAligned => Geometry.Distance.Euclidean(layout, a, b),
        PathKind.GeodesicAligned => Geometry.Distance.Geodesic(layout, a, b),
        _ => Geometry.Distance.Hamming(layout, a, b),
    };

    /// <summary>
    /// Errors at each fraction of <paramref name="t"/> along the path of <paramref name="kind"/>. Hamming kinds average
    /// <paramref name="orders"/> random orders drawn from a generator seeded by <paramref name="seed"/>.
    /// </summary>
    public static PathCurve Evaluate(NetworkEvaluator evaluator, PathKind kind, UnitLayout layout, IReadOnlyDictionary<string, Tensor> a,
        IReadOnlyDictionary<string, Tensor> b, IReadOnlyList<double> t, int orders = 1, long seed = 0, Action<double>? progress = null)
    {
        if (kind == PathKind.GeodesicAligned)
        {
            using var geodesic = new GeodesicPath(layout, a, b);
            return Along(evaluator, s => geodesic.Load(evaluator, s), t, progress);
        }
        if (kind is not (PathKind.Hamming or PathKind.HammingAligned))
            return Along(evaluator, s => Point(kind, layout, a, b, s), t, progress);
        var generator = new Generator((ulong)seed);
        var curves = new List<PathCurve>();
        for (var o = 0; o < orders; o++)
        {
            using var path = new HammingPath(layout, a, b, generator);
            var done = o;
            curves.Add(Along(evaluator, path.Point, t, p => progress?.Invoke((done + p) / orders)));
        }
        return PathCurve.Mean(curves);
    }

    /// <summary>Loads the point at each fraction into the evaluator and records its errors. Each point is freed after use.</summary>
    public static PathCurve Along(NetworkEvaluator evaluator, Func<double, IReadOnlyDictionary<string, Tensor>> point, IReadOnlyList<double> t,
        Action<double>? progress = null) =>
        Along(evaluator, s => evaluator.Load(point(s)), t, progress);

    /// <summary>
    /// Records the errors at each fraction after <paramref name="load"/> has put that point into the evaluator (e.g.
    /// <see cref="GeodesicPath.Load"/>, in place); whatever a load allocates is freed after its point.
    /// </summary>
    public static PathCurve Along(NetworkEvaluator evaluator, Action<double> load, IReadOnlyList<double> t, Action<double>? progress = null)
    {
        var train = new List<double>();
        var test = new List<double>();
        for (var i = 0; i < t.Count; i++)
        {
            using (var scope = NewDisposeScope())
            {
                load(t[i]);
                train.Add(evaluator.TrainError());
                test.Add(evaluator.TestError());
            }
            progress?.Invoke((i + 1.0) / t.Count);
        }
        return new PathCurve(t, train, test);
    }
}
