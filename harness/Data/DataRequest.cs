namespace Reproduce.Harness.Data;

/// <summary>
/// Which data a stage needs. Real sets: "mnist", "mnist-parity", "fashion-mnist", "cifar10";
/// generated: "hmm" (Hidden Manifold Model, METHOD.md §7).
/// </summary>
/// <param name="Dataset">Data set name, one of <see cref="DataSources.Names"/>.</param>
/// <param name="TrainSubset">Number of train samples to keep (0 = all), chosen by <see cref="Reproduce.Core.Data.Subset"/>.</param>
/// <param name="SubsetSeed">Seed of the train and test subsets.</param>
/// <param name="TestSubset">Number of test samples to keep (0 = all).</param>
/// <param name="N">HMM input dimension N.</param>
/// <param name="D">HMM latent dimension D (METHOD.md default 100).</param>
/// <param name="P">HMM train patterns P (0 = 3·D, METHOD.md's default).</param>
/// <param name="TestSize">HMM test patterns.</param>
/// <param name="Seed">HMM seed (features, teacher and patterns).</param>
public sealed record DataRequest(
    string Dataset,
    int TrainSubset = 0,
    int SubsetSeed = 0,
    int TestSubset = 0,
    int N = 400,
    int D = 100,
    int P = 0,
    int TestSize = 10000,
    int Seed = 0)
{
    /// <summary>The HMM's P with the default applied: P, or 3·D when P is 0.</summary>
    public int PatternCount => P > 0 ? P : 3 * D;

    /// <summary>Whether this is the generated Hidden Manifold Model.</summary>
    public bool IsHmm => Dataset == "hmm";

    /// <summary>Checks ranges; throws <see cref="ArgumentException"/> naming the field and what was expected.</summary>
    public void Validate()
    {
        DataSources.StoredName(Dataset);
        Require(TrainSubset >= 0, nameof(TrainSubset), "must be ≥ 0 (0 = all)");
        Require(TestSubset >= 0, nameof(TestSubset), "must be ≥ 0 (0 = all)");
        if (IsHmm)
        {
            Require(N > 0, nameof(N), "must be > 0");
            Require(D > 0, nameof(D), "must be > 0");
            Require(P >= 0, nameof(P), "must be ≥ 0 (0 = 3·D)");
            Require(TestSize > 0, nameof(TestSize), "must be > 0");
        }
    }

    private static void Require(bool ok, string field, string what)
    {
        if (!ok)
        {
            throw new ArgumentException($"data request field {field} {what}", field);
        }
    }
}
