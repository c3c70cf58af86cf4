namespace Reproduce.Core.Probes;

/// <summary>Errors along a path: at each fraction t ∈ [0, 1], the train and test error (METHOD.md §4).</summary>
/// <param name="T">Fractions, increasing from 0 to 1.</param>
/// <param name="TrainError">Train error at each t.</param>
/// <param name="TestError">Test error at each t (NaN where not measured).</param>
public sealed record PathCurve(IReadOnlyList<double> T, IReadOnlyList<double> TrainError, IReadOnlyList<double> TestError)
{
    /// <summary>Barrier: the highest train error along the path.</summary>
    public double Barrier => TrainError.Max();

    /// <summary>max_t [Err(t) − ((1 − t)·Err(0) + t·Err(1))]: the height above the straight line between the endpoint errors.</summary>
    public double BarrierAboveLine
    {
        get
        {
            double e0 = TrainError[0], e1 = TrainError[^1];
            return T.Select((t, i) => TrainError[i] - ((1 - t) * e0 + t * e1)).Max();
        }
    }

    /// <summary>Fractions 0, 1/(n−1), …, 1: n points, endpoints included.</summary>
    public static IReadOnlyList<double> Uniform(int points)
    {
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "a path has at least its two endpoints");
        return Enumerable.Range(0, points).Select(i => i == points - 1 ? 1.0 : (double)i / (points - 1)).ToList();
    }

    /// <summary>The pointwise mean of curves sampled at the same fractions (Hamming paths over several orders).</summary>
    public static PathCurve Mean(IReadOnlyList<PathCurve> curves) =>
        new(curves[0].T,
            curves[0].T.Select((_, i) => curves.Average(c => c.TrainError[i])).ToList(),
            curves[0].T.Select((_, i) => curves.Average(c => c.TestError[i])).ToList());
}
