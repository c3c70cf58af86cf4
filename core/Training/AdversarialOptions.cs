namespace Reproduce.Core.Training;

/// <summary>Adversarial initialization (Liu et al. 2020; METHOD.md §6): a pre-training phase on a corrupted copy.</summary>
/// <param name="ZeroFraction">ζ: each input value of the copy is set to 0 (the data set's mean, inputs being standardized)
/// with probability ζ (R: 0.1; 0 for binary nets: random labels only).</param>
/// <param name="Optimizer">Update rule of the pre-training phase (R: SGD, η 0.1, no momentum, constant η).</param>
/// <param name="Epochs">Epoch cap of the pre-training phase.</param>
/// <param name="MaxError">Pre-training stops once the copy's exact train error is ≤ this ("~100% accuracy").</param>
public sealed record AdversarialOptions(double ZeroFraction, OptimizerOptions Optimizer, int Epochs, double MaxError);
