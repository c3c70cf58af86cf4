namespace Reproduce.Core.Training;

/// <summary>SGD hyper-parameters (METHOD.md §6).</summary>
/// <param name="LearningRate">Initial learning rate η₀; step s of S gets η₀·½(1 + cos(π s / S)) (cosine annealing over the epoch cap).</param>
/// <param name="Momentum">Momentum coefficient μ.</param>
/// <param name="Nesterov">Nesterov momentum.</param>
/// <param name="BatchSize">Minibatch size.</param>
/// <param name="Epochs">Epoch cap E.</param>
/// <param name="MaxTrainError">Stop once the exact train error is ≤ this (checked after an epoch whose running error is at most twice it).</param>
/// <param name="Seed">Seed of the minibatch order.</param>
public sealed record SgdOptions(double LearningRate, double Momentum, bool Nesterov, int BatchSize, int Epochs, double MaxTrainError, long Seed);
