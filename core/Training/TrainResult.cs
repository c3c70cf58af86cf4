namespace Reproduce.Core.Training;

/// <summary>The outcome of training.</summary>
/// <param name="EpochsRun">Epochs of the clean phase actually run.</param>
/// <param name="Converged">True when the solution's train error reached the threshold.</param>
/// <param name="TrainError">Exact final train error of the solution.</param>
/// <param name="Seconds">Wall time of training, summed over epochs (and over resumed runs).</param>
/// <param name="History">One report per epoch, every phase, in order.</param>
public sealed record TrainResult(int EpochsRun, bool Converged, double TrainError, double Seconds, IReadOnlyList<EpochReport> History);
