namespace Reproduce.Core.Training;

/// <summary>Replicated SGD (Pittorino et al. 2021; METHOD.md §6).</summary>
/// <param name="Replicas">Number of replicas y (R: 3).</param>
/// <param name="GammaMax">Growth of the coupling over the epoch cap E: γ_t = γ₀·(1 + γ₁)^t with γ₁ = GammaMax^(1/E) − 1,
/// so γ reaches γ₀·GammaMax at t = E (R: 1e4).</param>
public sealed record ReplicaOptions(int Replicas, double GammaMax);
