namespace Reproduce.Harness.Findings;

/// <summary><c>plane.json</c>: a 2-D section through three solutions (Garipov et al.), errors on a grid.</summary>
/// <param name="Space">raw or normalized.</param>
/// <param name="Solutions">The three solutions [a, b, c] (c is the aligned copy in the paper's Fig. 4).</param>
/// <param name="X">Grid abscissae.</param>
/// <param name="Y">Grid ordinates.</param>
/// <param name="TrainError">Train error, row per y: <c>[y.Count][x.Count]</c>.</param>
/// <param name="TestError">Test error, same shape; null when not stored.</param>
/// <param name="Points">Plane coordinates of a, b and c.</param>
public sealed record PlaneResult(string Space, IReadOnlyList<string> Solutions, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    double[][] TrainError, double[][]? TestError, IReadOnlyDictionary<string, (double X, double Y)> Points);
