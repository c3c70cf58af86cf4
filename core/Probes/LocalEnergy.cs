using Reproduce.Core.Numerics;
using Reproduce.Core.Symmetry;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Probes;

/// <summary>
/// Flatness as local energy (METHOD.md §5): the rise of the 0-1 train error under random perturbations of the weights.
/// Continuous nets: dE(σ) = E_z[Err_train(w ⊙ (1 + σ·z))] − Err_train(w), z ~ N(0, I) over every parameter (weights,
/// biases, BN γ and β; BN running buffers are not parameters: kept, or recomputed when the evaluator does so).
/// Binary nets: flip the sign of round(p·n) of the n weights of <see cref="UnitLayout.WeightTensors"/>, drawn without
/// replacement. σ = 0 and p = 0 leave w unchanged, so dE is exactly 0 there.
/// </summary>
public static class LocalEnergy
{
    /// <summary>Noise name of continuous nets.</summary>
    public const string Gaussian = "multiplicative-gaussian";

    /// <summary>Noise name of binary nets.</summary>
    public const string SignFlip = "sign-flip";

    /// <summary>
    /// Measures dE at each level with <paramref name="draws"/> draws from a generator seeded by <paramref name="seed"/>.
    /// <paramref name="sd"/> is not modified; the evaluator's module holds each perturbed copy in turn.
    /// </summary>
    public static LocalEnergyResult Measure(NetworkEvaluator evaluator, UnitLayout layout, IReadOnlyDictionary<string, Tensor> sd,
        IReadOnlyList<double> levels, int draws, long seed, Action<double>? progress = null)
    {
        if (draws < 1) throw new ArgumentOutOfRangeException(nameof(draws), draws, "at least one draw");
        evaluator.Load(sd);
        var baseError = evaluator.TrainError();
        var generator = new Generator((ulong)seed);
        var parameters = evaluator.ParameterNames;
        var mean = new List<double>();
        var std = new List<double>();
        for (var l = 0; l < levels.Count; l++)
        {
            var rises = new double[draws];
            for (var d = 0; d < draws; d++)
            {
                using var scope = NewDisposeScope();
                var perturbed = layout.Binary ? Flipped(layout, sd, levels[l], generator) : Scaled(sd, parameters, levels[l], generator);
                evaluator.Load(perturbed);
                rises[d] = evaluator.TrainError() - baseError;
                progress?.Invoke((l * draws + d + 1.0) / (levels.Count * draws));
            }
            var m = rises.Average();
            mean.Add(m);
            std.Add(Math.Sqrt(rises.Select(r => (r - m) * (r - m)).Average()));
        }
        return new LocalEnergyResult(layout.Binary ? SignFlip : Gaussian, levels.ToList(), mean, std, draws, baseError);
    }

    /// <summary>w ⊙ (1 + σ·z) for the named parameters; every other tensor shared with <paramref name="sd"/>.</summary>
    private static Dictionary<string, Tensor> Scaled(IReadOnlyDictionary<string, Tensor> sd, IReadOnlyList<string> parameters, double sigma, Generator g)
    {
        var result = sd.ToDictionary(kv => kv.Key, kv => kv.Value);
        using var s = sigma.ToScalar();
        foreach (var name in parameters)
        {
            var w = sd[name];
            result[name] = w.mul(randn(w.shape, dtype: w.dtype, generator: g).mul_(s).add_(Scalars.One, Scalars.One));
        }
        return result;
    }

    /// <summary>round(p·n) weights, drawn without replacement over all weight tensors, negated.</summary>
    private static Dictionary<string, Tensor> Flipped(UnitLayout layout, IReadOnlyDictionary<string, Tensor> sd, double p, Generator g)
    {
        var names = layout.WeightTensors;
        var total = names.Sum(n => Get(sd, n).numel());
        var chosen = randperm(total, generator: g).narrow(0, 0, (long)Math.Round(p * total));
        var mask = ones(total, dtype: ScalarType.Float32);
        mask.index_fill_(0, chosen, Scalars.MinusOne);
        var result = sd.ToDictionary(kv => kv.Key, kv => kv.Value);
        long offset = 0;
        using var tiny = 1e-12.ToScalar();
        foreach (var name in names)
        {
            var w = sd[name];
            var m = mask.narrow(0, offset, w.numel()).reshape(w.shape).to(w.dtype);
            // Negating a latent weight of 0 would keep sign +1; use ±|w| with a floor so the sign really flips.
            result[name] = where(m.lt(Scalars.Zero), where(w.ge(Scalars.Zero), full_like(w, Scalars.MinusOne), full_like(w, Scalars.One)).mul(w.abs().clamp_min(tiny)), w);
            offset += w.numel();
        }
        return result;
    }

    /// <summary>The tensor called <paramref name="name"/>, or an error naming it.</summary>
    private static Tensor Get(IReadOnlyDictionary<string, Tensor> sd, string name) =>
        sd.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"state dict has no tensor '{name}' required by the unit layout");
}
