using Reproduce.Core.Training;

namespace Reproduce.Core.Probes;

/// <summary>How an optimized path's midpoint is trained (METHOD.md §4).</summary>
/// <param name="Training">The SGD-type solutions' update rule, schedule, minibatch size and latent clipping, with the midpoint's own
/// epoch cap, threshold and seed.</param>
/// <param name="ChecksPerEpoch">Exact train-error checks per epoch (training stops at the first that reaches the threshold).</param>
public sealed record MidpointOptions(TrainOptions Training, int ChecksPerEpoch);
