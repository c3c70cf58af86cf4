namespace Reproduce.Harness.Findings;

/// <summary>
/// The trained midpoint(s) of an optimized path, as the stage's manifest result records them (binary nets average several
/// midpoints per stage). Evidence only when <paramref name="Converged"/>: every midpoint reached its train-error threshold.
/// </summary>
/// <param name="Converged"><c>midpoint_converged</c>: every midpoint reached <paramref name="MaxTrainError"/>; false when the manifest lacks it (never assumed).</param>
/// <param name="TrainError"><c>midpoint_train_error</c>: the trained midpoints' mean 0-1 train error.</param>
/// <param name="StartTrainError"><c>midpoint_start_train_error</c>: M0's mean train error before training (NaN when not stored).</param>
/// <param name="MaxTrainError"><c>midpoint_max_train_error</c>: the threshold (NaN when not stored).</param>
/// <param name="Count"><c>midpoints</c>: how many midpoints the stage averages (1 when not stored).</param>
/// <param name="Recorded">Whether the manifest records <c>midpoint_converged</c> at all (an older optimized-path stage does not).</param>
public sealed record MidpointResult(bool Converged, double TrainError, double StartTrainError, double MaxTrainError, int Count, bool Recorded = true)
{
    /// <summary>
    /// True when M0 already sat at the threshold, so it was not trained and M = M0 lies exactly halfway: its distances to the
    /// ends cannot tell which end it moved toward (F9 is not applicable to it).
    /// </summary>
    public bool Untrained => double.IsFinite(StartTrainError) && double.IsFinite(MaxTrainError) && StartTrainError <= MaxTrainError;
}
