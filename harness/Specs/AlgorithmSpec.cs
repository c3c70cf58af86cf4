using Reproduce.Core.Training;

namespace Reproduce.Harness.Specs;

/// <summary>A training algorithm and its hyper-parameters (METHOD.md §6).</summary>
/// <param name="Name">sgd, rsgd or adv.</param>
/// <param name="Optimizer">sgd or adam (the update rule of the clean phase).</param>
/// <param name="LearningRate">Initial learning rate, moved by <paramref name="Schedule"/>.</param>
/// <param name="Schedule">cosine (annealed to 0 over <paramref name="Epochs"/>; the default for continuous nets), constant (the
/// default for binary nets, which the paper trains at a fixed learning rate) or step (multiplied by a factor every few epochs:
/// the binary conv net's Adam, App. B).</param>
/// <param name="Momentum">SGD momentum coefficient (0 for adam).</param>
/// <param name="Nesterov">SGD Nesterov momentum (false for adam).</param>
/// <param name="Beta1">Adam's β₁ (unused by sgd).</param>
/// <param name="Beta2">Adam's β₂ (unused by sgd).</param>
/// <param name="BatchSize">Minibatch size.</param>
/// <param name="Epochs">Epoch cap; training stops earlier once the train error reaches <paramref name="MaxTrainError"/>.</param>
/// <param name="MaxTrainError">Convergence threshold on the 0-1 train error (fraction).</param>
/// <param name="Replicated">RSGD settings (rsgd only, else null).</param>
/// <param name="Adversarial">ADV settings (adv only, else null).</param>
public sealed record AlgorithmSpec(string Name, string Optimizer, double LearningRate, string Schedule, double Momentum, bool Nesterov, double Beta1,
    double Beta2, int BatchSize, int Epochs, double MaxTrainError, ReplicaSpec? Replicated = null, AdversarialSpec? Adversarial = null)
{
    /// <summary>The step schedule's decay (<c>schedule: step</c> only, else null).</summary>
    public StepDecay? Decay { get; init; }
}
