namespace Reproduce.Core.Training;

/// <summary>The outcome of training.</summary>
/// <param name="EpochsRun">Epochs actually run.</param>
/// <param name="Converged">True when the train error reached the threshold.</param>
/// <param name="TrainError">Exact final train error.</param>
/// <param name="Seconds">Wall time of training (excluding the final evaluation).</param>
/// <param name="History">One report per epoch.</param>
public sealed record TrainResult(int EpochsRun, bool Converged, double TrainError, double Seconds, IReadOnlyList<EpochReport> History);
