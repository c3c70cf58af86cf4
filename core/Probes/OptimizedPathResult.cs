namespace Reproduce.Core.Probes;

/// <summary>A single-bend path A → M → B (METHOD.md §4, paper Fig. 3), averaged over its midpoints.</summary>
/// <param name="Curve">Errors along A → M (t ∈ [0, 0.5]) then M → B (t ∈ [0.5, 1]), the mean over midpoints; M is at t = 0.5.</param>
/// <param name="Midpoints">Each midpoint, in order.</param>
public sealed record OptimizedPathResult(PathCurve Curve, IReadOnlyList<OptimizedMidpoint> Midpoints)
{
    /// <summary>True when every midpoint reached its threshold: only then is the path evidence (METHOD.md §8).</summary>
    public bool Converged => Midpoints.All(m => m.Converged);

    /// <summary>Mean d(A, M) over the midpoints.</summary>
    public double DistanceAM => Midpoints.Average(m => m.DistanceAM);

    /// <summary>Mean d(M, B) over the midpoints.</summary>
    public double DistanceMB => Midpoints.Average(m => m.DistanceMB);

    /// <summary>Mean train error of the midpoints.</summary>
    public double MidpointTrainError => Midpoints.Average(m => m.TrainError);

    /// <summary>Mean train error of the midpoints' starting points M₀.</summary>
    public double StartTrainError => Midpoints.Average(m => m.StartTrainError);
}
