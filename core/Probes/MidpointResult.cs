using static TorchSharp.torch;

namespace Reproduce.Core.Probes;

/// <summary>What training an optimized path's midpoint gave (<see cref="MidpointTraining"/>).</summary>
/// <param name="State">M: the best state seen (M₀ when nothing beat it); a state dict the caller owns.</param>
/// <param name="StartTrainError">M₀'s train error.</param>
/// <param name="TrainError">M's train error (≤ <paramref name="StartTrainError"/>).</param>
/// <param name="Converged">Whether M's train error reached the threshold.</param>
/// <param name="Steps">Optimizer steps taken (0: M₀ was already at the threshold).</param>
/// <param name="Diverged">Whether the weights became non-finite (training stopped there; M is the best state before).</param>
/// <param name="Unstable">
/// Whether a check found the mean train loss above M₀'s while stopping on a rise was asked for (training stopped there; M is the best
/// state before): the rate is above what M₀'s neighbourhood allows.
/// </param>
public sealed record MidpointResult(Dictionary<string, Tensor> State, double StartTrainError, double TrainError, bool Converged, long Steps,
    bool Diverged, bool Unstable = false)
{
    /// <summary>Whether training was cut short, diverged or unstable, so that a lower rate is worth a try.</summary>
    public bool Stopped => Diverged || Unstable;
}
