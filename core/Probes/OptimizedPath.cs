using Reproduce.Core.Data;
using Reproduce.Core.Symmetry;
using Reproduce.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Reproduce.Core.Probes;

/// <summary>
/// The optimized single-bend path (METHOD.md §4, paper Fig. 3): M₀ = the midpoint of the path of the given kind between
/// the (aligned) endpoints; M = M₀ trained with SGD (<see cref="SgdTraining"/>) toward zero train error; the path is
/// A → M → B, each segment of the same kind. Geodesic paths train M₀ rescaled to unit-norm incoming vectors (the same
/// function: the torus' radii would make SGD diverge) and normalize M after training, so both segments stay on the torus. Barrier = the highest error on either segment.
/// </summary>
public static class OptimizedPath
{
    /// <summary>How many times a diverged midpoint training is restarted at half the learning rate before the probe fails.</summary>
    public const int DivergenceRetries = 3;

    /// <summary>
    /// Trains the midpoint on <paramref name="train"/> and evaluates both segments at the fractions
    /// <see cref="PathCurve.Uniform"/>(<paramref name="pointsPerSegment"/>) each (2·points − 1 points, M once).
    /// a and b are the endpoints as <see cref="PathProbe"/> takes them for <paramref name="kind"/>; neither is modified.
    /// A geodesic midpoint is normalized to <paramref name="normalization"/>'s norms after training (default
    /// <see cref="NormalizationSettings.Default"/>; the endpoints' norms, so the path stays on their torus).
    /// </summary>
    public static OptimizedPathResult Evaluate(NetworkEvaluator evaluator, PathKind kind, UnitLayout layout, IReadOnlyDictionary<string, Tensor> a,
        IReadOnlyDictionary<string, Tensor> b, Dataset train, SgdOptions training, int pointsPerSegment, Action<double>? progress = null,
        CancellationToken cancel = default, NormalizationSettings? normalization = null)
    {
        var hamming = kind is PathKind.Hamming or PathKind.HammingAligned;
        Dictionary<string, Tensor> start;
        if (hamming)
        {
            using var path = new HammingPath(layout, a, b, new Generator((ulong)training.Seed));
            start = path.Point(0.5);
        }
        else start = PathProbe.Point(kind, layout, a, b, 0.5);

        if (PathKinds.Normalized(kind) && !layout.Binary)
        {
            // The torus' radii (sqrt(fan_in) per unit) make logits of order 10⁴, where SGD diverges. The same function with
            // every incoming vector of norm 1 and the output rows of norm ~1 trains like a freshly initialized net.
            var outputs = layout.Output.Weight is { } w ? start[w].shape[0] : 1;
            var trainable = UnitNormalization.Normalize(layout, start, new NormalizationSettings(HiddenNorm: 1, OutputNorm: Math.Sqrt(outputs)));
            foreach (var t in start.Values) t.Dispose();
            start = trainable;
        }
        // A midpoint whose training diverges (non-finite weights) is trained again from M₀ at half the learning rate, up to
        // DivergenceRetries times; the rate that worked is part of the result. (One LeNet pair of the quick run diverged at
        // 0.05, which stopped the whole run.)
        var lr = training.LearningRate;
        TrainResult result;
        Dictionary<string, Tensor> midpoint;
        for (var attempt = 0; ; attempt++, lr /= 2)
        {
            using var module = evaluator.Architecture.Create();
            module.load_state_dict(start);
            var options = training with { LearningRate = lr };
            result = SgdTraining.Train(module, train, options, e => progress?.Invoke(0.5 * e.Epoch / e.Epochs), cancel);
            var trained = module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            midpoint = PathKinds.Normalized(kind) && !layout.Binary ? UnitNormalization.Normalize(layout, trained, normalization) : trained;
            if (!ReferenceEquals(midpoint, trained)) foreach (var t in trained.Values) t.Dispose();
            if (midpoint.Values.All(t => !t.is_floating_point() || t.isfinite().all().item<bool>())) break;
            foreach (var t in midpoint.Values) t.Dispose();
            if (attempt == DivergenceRetries)
            {
                foreach (var t in start.Values) t.Dispose();
                throw new InvalidOperationException($"the midpoint's training diverged (non-finite weights) at every learning rate from " +
                    $"{training.LearningRate} down to {lr}; lower probes.optimized_path.lr");
            }
        }
        foreach (var t in start.Values) t.Dispose();

        var fractions = PathCurve.Uniform(pointsPerSegment);
        var first = PathProbe.Evaluate(evaluator, kind, layout, a, midpoint, fractions, 1, training.Seed, p => progress?.Invoke(0.5 + 0.25 * p));
        var second = PathProbe.Evaluate(evaluator, kind, layout, midpoint, b, fractions, 1, training.Seed + 1, p => progress?.Invoke(0.75 + 0.25 * p));
        var curve = new PathCurve(
            [.. first.T.Select(t => t / 2), .. second.T.Skip(1).Select(t => 0.5 + t / 2)],
            [.. first.TrainError, .. second.TrainError.Skip(1)],
            [.. first.TestError, .. second.TestError.Skip(1)]);
        return new OptimizedPathResult(curve, midpoint, PathProbe.Distance(kind, layout, a, midpoint), PathProbe.Distance(kind, layout, midpoint, b),
            result.TrainError, result.EpochsRun, lr);
    }
}
