using Reproduce.Core.Training;

namespace Reproduce.Core.Probes;

/// <summary>How an optimized path's midpoint is trained (METHOD.md §4).</summary>
/// <param name="Training">The SGD-type solutions' update rule, schedule, minibatch size and latent clipping, with the midpoint's own
/// epoch cap, threshold and seed.</param>
/// <param name="ChecksPerEpoch">Exact train-error checks per epoch (training stops at the first that reaches the threshold).</param>
/// <param name="RestartOnLossRise">
/// Continuous nets: a check whose mean train loss is above M₀'s stops the training, and <see cref="OptimizedPath"/> restarts it from
/// M₀ at half the rate (as a diverged one). Training M is a descent from M₀; a loss above M₀'s means the rate is beyond the
/// stability limit of M₀'s neighbourhood: SGD is thrown out of it (the loss spikes, the weights grow) and re-learns the train set
/// elsewhere, far from both endpoints, and the path A → M → B then crosses high error. The loss, not the error: from a poorly
/// calibrated M₀ (high loss at low error, as an unaligned linear midpoint) a stable descent lowers the loss while a few more
/// images are misclassified for a while. Binary nets leave it off: their sign net's loss jumps with flips that a stable descent
/// of the latent weights makes too.
/// </param>
public sealed record MidpointOptions(TrainOptions Training, int ChecksPerEpoch, bool RestartOnLossRise = false);
