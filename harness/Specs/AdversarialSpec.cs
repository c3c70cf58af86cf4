namespace Reproduce.Harness.Specs;

/// <summary>ADV pre-training settings (METHOD.md §6).</summary>
/// <param name="Zeta">Fraction of input values zeroed in the random-label copy (binary nets: forced to 0, random labels only).</param>
/// <param name="PretrainLearningRate">Constant learning rate of the pre-training (no momentum).</param>
/// <param name="PretrainEpochs">Epoch cap of the pre-training.</param>
/// <param name="PretrainMaxError">Pre-training stops at this error on the copy.</param>
public sealed record AdversarialSpec(double Zeta, double PretrainLearningRate, int PretrainEpochs, double PretrainMaxError);
