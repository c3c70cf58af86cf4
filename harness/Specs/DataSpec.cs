namespace Reproduce.Harness.Specs;

/// <summary>Which data set and how much of it.</summary>
/// <param name="Dataset">mnist, fashion-mnist, cifar10, mnist-parity or hmm.</param>
/// <param name="TrainSubset">Number of training samples to draw (0 = the whole train set).</param>
/// <param name="SubsetSeed">Seed of the subset draw.</param>
/// <param name="TestSubset">Number of test samples (0 = the whole test set).</param>
/// <param name="Hmm">Hidden Manifold Model settings (used when Dataset is hmm).</param>
public sealed record DataSpec(string Dataset, int TrainSubset, int SubsetSeed, int TestSubset, HmmSpec Hmm);
