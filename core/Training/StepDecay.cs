namespace Reproduce.Core.Training;

/// <summary>
/// The step-decay schedule's parameters: η(e) = η₀·Factor^k(e) in epoch e (from 0), with k(e) = 0 before epoch
/// <paramref name="First"/> and 1 + ⌊(e − First)/Every⌋ from it on.
/// </summary>
/// <param name="Factor">The multiplier at each decay, in (0, 1].</param>
/// <param name="Every">Epochs between decays, ≥ 1.</param>
/// <param name="First">The epoch of the first decay, ≥ 1.</param>
public sealed record StepDecay(double Factor, int Every, int First)
{
    /// <summary>How many decays have happened by (0-based) epoch <paramref name="epoch"/>.</summary>
    public int DecaysBy(long epoch) => epoch < First ? 0 : 1 + (int)((epoch - First) / Every);
}
