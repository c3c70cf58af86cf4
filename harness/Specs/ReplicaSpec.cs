namespace Reproduce.Harness.Specs;

/// <summary>RSGD settings (METHOD.md §6).</summary>
/// <param name="Replicas">Replicas y.</param>
/// <param name="GammaMax">γ grows by this factor over the epoch cap.</param>
public sealed record ReplicaSpec(int Replicas, double GammaMax);
