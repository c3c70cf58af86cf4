namespace Reproduce.Core.Training;

/// <summary>What every training algorithm shares (METHOD.md §6).</summary>
/// <param name="Optimizer">Update rule of the (clean) training phase.</param>
/// <param name="BatchSize">Minibatch size.</param>
/// <param name="Epochs">Epoch cap E of the (clean) phase; the cosine schedule spans it.</param>
/// <param name="MaxTrainError">Stop once the exact 0-1 train error of the solution is ≤ this (checked after an epoch whose
/// running error is at most twice it, and after the last epoch).</param>
/// <param name="Seed">Seed of the minibatch order (and of the random-label copy for ADV, of the replicas' initialization for RSGD).</param>
/// <param name="ClipLatentWeights">Binary nets (BinaryNet style): clamp every parameter to [−1, 1] after each step.</param>
public sealed record TrainOptions(OptimizerOptions Optimizer, int BatchSize, int Epochs, double MaxTrainError, long Seed,
    bool ClipLatentWeights = false);
