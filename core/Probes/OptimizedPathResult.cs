using static TorchSharp.torch;

namespace Reproduce.Core.Probes;

/// <summary>A single-bend path A → M → B (METHOD.md §4, paper Fig. 3).</summary>
/// <param name="Curve">Errors along A → M (t ∈ [0, 0.5]) then M → B (t ∈ [0.5, 1]); M is at t = 0.5.</param>
/// <param name="Midpoint">M after training (normalized for geodesic paths): a state dict the caller owns.</param>
/// <param name="DistanceAM">d(A, M) in the path kind's metric.</param>
/// <param name="DistanceMB">d(M, B) in the path kind's metric.</param>
/// <param name="MidpointTrainError">Train error of M after training (on the trainer's full train set).</param>
/// <param name="MidpointEpochs">Epochs the midpoint was trained.</param>
/// <param name="MidpointLearningRate">The learning rate the midpoint was trained at: the requested one, or a half, quarter, …
/// of it where training at the higher rates diverged.</param>
public sealed record OptimizedPathResult(PathCurve Curve, Dictionary<string, Tensor> Midpoint, double DistanceAM, double DistanceMB,
    double MidpointTrainError, int MidpointEpochs, double MidpointLearningRate);
