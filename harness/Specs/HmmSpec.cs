namespace Reproduce.Harness.Specs;

/// <summary>Hidden Manifold Model (METHOD.md §7): x = sign(F·c/√D), label sign(w*·c).</summary>
/// <param name="N">Input dimension (number of features).</param>
/// <param name="D">Latent dimension.</param>
/// <param name="P">Number of training patterns.</param>
/// <param name="TestSize">Number of test patterns.</param>
/// <param name="Seed">Seed of F, w* and the patterns.</param>
public sealed record HmmSpec(int N, int D, int P, int TestSize, int Seed);
