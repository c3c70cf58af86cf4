namespace Reproduce.Harness.Plots;

/// <summary>Mean and standard deviation of several curves on the x grid of the first (others are linearly interpolated onto it).</summary>
/// <param name="X">The shared grid.</param>
/// <param name="Mean">Pointwise mean.</param>
/// <param name="Std">Pointwise population standard deviation (0 for one curve).</param>
public sealed record Band(double[] X, double[] Mean, double[] Std)
{
    /// <summary>The band of <paramref name="curves"/> (each x ascending); null when there are none.</summary>
    public static Band? Of(IReadOnlyList<(IReadOnlyList<double> X, IReadOnlyList<double> Y)> curves)
    {
        if (curves.Count == 0) return null;
        var x = curves[0].X.ToArray();
        var ys = curves.Select(c => x.Select(v => Interpolate(c.X, c.Y, v)).ToArray()).ToList();
        var mean = x.Select((_, i) => ys.Average(y => y[i])).ToArray();
        var std = x.Select((_, i) => Math.Sqrt(ys.Average(y => (y[i] - mean[i]) * (y[i] - mean[i])))).ToArray();
        return new Band(x, mean, std);
    }

    /// <summary>Mean − std.</summary>
    public double[] Lower => Mean.Select((m, i) => m - Std[i]).ToArray();

    /// <summary>Mean + std.</summary>
    public double[] Upper => Mean.Select((m, i) => m + Std[i]).ToArray();

    private static double Interpolate(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double x)
    {
        if (x <= xs[0]) return ys[0];
        for (var i = 1; i < xs.Count; i++)
            if (x <= xs[i]) return xs[i] == xs[i - 1] ? ys[i] : ys[i - 1] + (ys[i] - ys[i - 1]) * (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
        return ys[^1];
    }
}
