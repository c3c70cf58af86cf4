namespace Reproduce.Core.Probes;

/// <summary>Errors on a grid of the plane through three networks (METHOD.md §4, paper Fig. 4).</summary>
/// <param name="X">Grid abscissae, increasing.</param>
/// <param name="Y">Grid ordinates, increasing.</param>
/// <param name="TrainError">Train error, one row per y: TrainError[j][i] at (X[i], Y[j]).</param>
/// <param name="TestError">Test error, same layout (NaN where not measured).</param>
/// <param name="Points">Coordinates of w1, w2, w3; each is a grid point.</param>
public sealed record PlaneResult(IReadOnlyList<double> X, IReadOnlyList<double> Y, double[][] TrainError, double[][] TestError,
    IReadOnlyList<(double X, double Y)> Points);
