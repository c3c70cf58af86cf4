namespace Reproduce.Harness.Specs;

/// <summary>
/// The adversarial initialization's pre-training (METHOD.md §6): SGD without momentum at a constant learning rate on a copy
/// of the train set with random labels (and, for continuous nets, a fraction ζ of each input's values zeroed), as the paper
/// does for every net (App. A; App. B for the binary ones).
/// </summary>
/// <param name="Zeta">Fraction of each input's values zeroed in the copy (0 for binary nets: random labels only).</param>
/// <param name="PretrainLearningRate">Constant learning rate of the pre-training (SGD, no momentum).</param>
/// <param name="PretrainEpochs">Epoch cap of the pre-training.</param>
/// <param name="PretrainMaxError">The pre-training stops once the copy's train error is at most this.</param>
public sealed record AdversarialSpec(double Zeta, double PretrainLearningRate, int PretrainEpochs, double PretrainMaxError);
