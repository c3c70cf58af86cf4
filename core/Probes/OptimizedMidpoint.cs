using static TorchSharp.torch;

namespace Reproduce.Core.Probes;

/// <summary>One trained midpoint of an optimized path.</summary>
/// <param name="State">M, as the path uses it (normalized for geodesic paths): a state dict the caller owns.</param>
/// <param name="StartTrainError">M₀'s train error (on the trainer's train set).</param>
/// <param name="TrainError">M's train error (≤ <paramref name="StartTrainError"/>).</param>
/// <param name="Converged">Whether M reached the threshold.</param>
/// <param name="Steps">Optimizer steps taken (0: M₀ was already there).</param>
/// <param name="LearningRate">The rate M was trained at: the SGD-type solutions', or a half, quarter, … of it where training diverged or was unstable.</param>
/// <param name="DistanceAM">d(A, M) in the path kind's metric.</param>
/// <param name="DistanceMB">d(M, B) in the path kind's metric.</param>
public sealed record OptimizedMidpoint(Dictionary<string, Tensor> State, double StartTrainError, double TrainError, bool Converged, long Steps,
    double LearningRate, double DistanceAM, double DistanceMB)
{
    /// <summary>Whether the weights became non-finite at every rate tried (M is then the best state seen before that).</summary>
    public bool Diverged { get; init; }

    /// <summary>Whether the attempt kept was cut short by a rise of its mean train loss above M₀'s (<see cref="MidpointOptions.RestartOnLossRise"/>).</summary>
    public bool Unstable { get; init; }

    /// <summary>How many times training was restarted from M₀ at half the rate (diverged or unstable).</summary>
    public int Restarts { get; init; }
}
