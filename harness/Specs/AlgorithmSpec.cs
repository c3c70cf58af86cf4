namespace Reproduce.Harness.Specs;

/// <summary>A training algorithm and its hyper-parameters (METHOD.md §6).</summary>
/// <param name="Name">sgd (rsgd and adv come with their training stage).</param>
/// <param name="LearningRate">Initial learning rate, cosine-annealed to 0 over <paramref name="Epochs"/>.</param>
/// <param name="Momentum">Momentum coefficient.</param>
/// <param name="Nesterov">Nesterov momentum.</param>
/// <param name="BatchSize">Minibatch size.</param>
/// <param name="Epochs">Epoch cap; training stops earlier once the train error reaches <paramref name="MaxTrainError"/>.</param>
/// <param name="MaxTrainError">Convergence threshold on the 0-1 train error (fraction).</param>
public sealed record AlgorithmSpec(string Name, double LearningRate, double Momentum, bool Nesterov, int BatchSize, int Epochs,
    double MaxTrainError);
