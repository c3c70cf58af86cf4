using Reproduce.Core.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Data;

/// <summary>
/// The Hidden Manifold Model (Goldt et al. 2020; METHOD.md §7): latent c ~ N(0, I_D), teacher label sign(w*·c),
/// student input x = sign(F·c / √D) with F an N×D standard Gaussian matrix. Train and test sets share F and w*.
/// Every random quantity has its own <see cref="SplitMix64"/> stream of the seed (F, w*, train c, test c), so
/// changing N keeps w* and every c, and changing P keeps the test set.
/// </summary>
public static class HiddenManifoldModel
{
    private const ulong FeatureStream = 1, TeacherStream = 2, TrainStream = 3, TestStream = 4;

    /// <summary>
    /// Generates a train set of <paramref name="p"/> patterns and a test set of <paramref name="testSize"/> patterns.
    /// Inputs: (n, N) float32 with values ±1 (sign(0) = +1); labels: (n) int64, 1 where w*·c ≥ 0 and 0 otherwise;
    /// Classes = 2. The sets are not standardized: the inputs are already ±1, as binary networks expect.
    /// </summary>
    /// <param name="n">Input dimension N.</param>
    /// <param name="d">Latent dimension D.</param>
    /// <param name="p">Number of train patterns P.</param>
    /// <param name="testSize">Number of test patterns.</param>
    /// <param name="seed">Seed of every stream.</param>
    public static SplitDataset Generate(int n, int d, int p, int testSize, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(d);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(testSize);

        var features = new double[(long)n * d];
        SplitMix64.ForStream(seed, FeatureStream).FillGaussian(features);
        var teacher = new double[d];
        SplitMix64.ForStream(seed, TeacherStream).FillGaussian(teacher);

        var name = $"hmm(N={n},D={d},P={p},seed={seed})";
        var train = Patterns(features, teacher, n, d, p, SplitMix64.ForStream(seed, TrainStream), name + "/train");
        var test = Patterns(features, teacher, n, d, testSize, SplitMix64.ForStream(seed, TestStream), name + "/test");
        return new SplitDataset(train, test);
    }

    private static Dataset Patterns(double[] features, double[] teacher, int n, int d, int count, SplitMix64 rng, string name)
    {
        var latent = new double[(long)count * d];
        rng.FillGaussian(latent);
        var labels = new long[count];
        for (var mu = 0; mu < count; mu++)
        {
            var field = 0.0;
            for (var j = 0; j < d; j++)
            {
                field += teacher[j] * latent[((long)mu * d) + j];
            }

            labels[mu] = field >= 0 ? 1 : 0;
        }

        // x = sign(C·Fᵀ / √D): (count, D)·(D, N) in float64; a sign could differ between BLAS builds only where
        // |F·c| is within rounding of 0 (about 1e-15 relative), which no realistic draw reaches.
        using var scope = NewDisposeScope();
        var c = tensor(latent, [count, d]);
        var f = tensor(features, [n, d]);
        using var two = 2f.ToScalar();
        using var one = 1f.ToScalar();
        var inputs = c.mm(f.t()).ge(Scalars.Zero).to_type(ScalarType.Float32).mul_(two).sub_(one);
        return new Dataset(name, inputs.MoveToOuterDisposeScope(), tensor(labels).MoveToOuterDisposeScope(), 2);
    }
}
