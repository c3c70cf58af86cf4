using Reproduce.Core.Data;
using Reproduce.Core.Symmetry;
using Reproduce.Core.Training;
using static TorchSharp.torch;

namespace Reproduce.Core.Probes;

/// <summary>
/// The optimized single-bend path (METHOD.md §4, paper Fig. 3, App. B): M₀ = the midpoint of the path of the given kind
/// between the (aligned) endpoints — for binary nets a weight vector at equal Hamming distance from both —, M = M₀ trained
/// with the SGD-type solutions' own settings (<see cref="MidpointTraining"/>: checked often, stopped at the threshold, never
/// worse than M₀), and the path A → M → B, each segment of the same kind. Barrier = the highest error on either segment.
/// A geodesic midpoint is trained at the scale of the raw endpoints (<see cref="UnitNormalization.ScaleLike"/>: the same
/// function), then normalized back onto their torus. Binary nets average several independent midpoints (each its own M₀ and
/// flip orders, App. B); a training whose weights become non-finite, or (continuous nets, <see cref="MidpointOptions.RestartOnLossRise"/>)
/// whose mean train loss rises above M₀'s, is restarted from M₀ at half the learning rate.
/// </summary>
public static class OptimizedPath
{
    /// <summary>How many times a diverged or unstable midpoint training is restarted at half the learning rate.</summary>
    public const int DivergenceRetries = 3;

    /// <summary>
    /// Trains <paramref name="midpoints"/> midpoints on <paramref name="train"/> and evaluates both segments of each at the
    /// fractions <see cref="PathCurve.Uniform"/>(<paramref name="pointsPerSegment"/>) (Hamming kinds: averaged over
    /// <paramref name="orders"/> flip orders); the curve is the mean over midpoints (2·points − 1 points, M at t = 0.5).
    /// a and b are the endpoints as <see cref="PathProbe"/> takes them for <paramref name="kind"/> (neither is modified);
    /// <paramref name="rawA"/> and <paramref name="rawB"/> (B aligned to A) set the scale a geodesic midpoint trains at (when
    /// absent: unit-norm incoming vectors) and, for a hamming-aligned path, the latent weights a binary midpoint starts from
    /// (when absent: the normalized endpoints' ±r/√fan_in); the trained midpoint of a normalized kind is normalized to
    /// <paramref name="normalization"/>.
    /// </summary>
    public static OptimizedPathResult Evaluate(NetworkEvaluator evaluator, PathKind kind, UnitLayout layout, IReadOnlyDictionary<string, Tensor> a,
        IReadOnlyDictionary<string, Tensor> b, Dataset train, MidpointOptions options, int pointsPerSegment, int midpoints = 1, int orders = 1,
        IReadOnlyDictionary<string, Tensor>? rawA = null, IReadOnlyDictionary<string, Tensor>? rawB = null, NormalizationSettings? normalization = null,
        Action<double>? progress = null, CancellationToken cancel = default)
    {
        if (midpoints < 1) throw new ArgumentOutOfRangeException(nameof(midpoints), midpoints, "at least one midpoint");
        var fractions = PathCurve.Uniform(pointsPerSegment);
        var curves = new List<PathCurve>();
        var results = new List<OptimizedMidpoint>();
        for (var k = 0; k < midpoints; k++)
        {
            void Progress(double p) => progress?.Invoke((k + p) / midpoints);
            var seed = options.Training.Seed + 1_000_003L * k;
            var m = TrainOne(evaluator, kind, layout, a, b, train, options with { Training = options.Training with { Seed = seed } }, rawA, rawB,
                normalization, p => Progress(0.5 * p), cancel);
            var first = PathProbe.Evaluate(evaluator, kind, layout, a, m.State, fractions, orders, seed, p => Progress(0.5 + 0.25 * p));
            var second = PathProbe.Evaluate(evaluator, kind, layout, m.State, b, fractions, orders, seed + 1, p => Progress(0.75 + 0.25 * p));
            curves.Add(new PathCurve(
                [.. first.T.Select(t => t / 2), .. second.T.Skip(1).Select(t => 0.5 + t / 2)],
                [.. first.TrainError, .. second.TrainError.Skip(1)],
                [.. first.TestError, .. second.TestError.Skip(1)]));
            results.Add(m with { DistanceAM = PathProbe.Distance(kind, layout, a, m.State), DistanceMB = PathProbe.Distance(kind, layout, m.State, b) });
        }
        return new OptimizedPathResult(PathCurve.Mean(curves), results);
    }

    private static OptimizedMidpoint TrainOne(NetworkEvaluator evaluator, PathKind kind, UnitLayout layout, IReadOnlyDictionary<string, Tensor> a,
        IReadOnlyDictionary<string, Tensor> b, Dataset train, MidpointOptions options, IReadOnlyDictionary<string, Tensor>? rawA,
        IReadOnlyDictionary<string, Tensor>? rawB, NormalizationSettings? normalization, Action<double> progress, CancellationToken cancel)
    {
        var geodesic = PathKinds.Normalized(kind) && !layout.Binary;
        // A normalized binary path (hamming-aligned) has ±r/√fan_in endpoints: its midpoint starts from the Hamming midpoint
        // of the raw endpoints instead (the same signs: normalization keeps them, and the same flips are drawn), so its
        // latent weights are at the scale the binary optimizer was set for, not on the edge of the clipping box where no
        // flip is reachable in a few steps; it is normalized back after training.
        var binaryRaw = PathKinds.Normalized(kind) && layout.Binary && rawA is not null && rawB is not null;
        var rescaled = geodesic || binaryRaw;
        Dictionary<string, Tensor> start;
        if (kind is PathKind.Hamming or PathKind.HammingAligned)
        {
            using var g = new Generator((ulong)options.Training.Seed);
            using var path = binaryRaw ? new HammingPath(layout, rawA!, rawB!, g) : new HammingPath(layout, a, b, g);
            start = path.Point(0.5);
        }
        else start = PathProbe.Point(kind, layout, a, b, 0.5);
        if (geodesic)
        {
            var trainable = rawA is not null && rawB is not null
                ? UnitNormalization.ScaleLike(layout, start, rawA, rawB)
                : UnitNormalization.Normalize(layout, start, new NormalizationSettings(HiddenNorm: 1, OutputNorm: 1));
            foreach (var t in start.Values) t.Dispose();
            start = trainable;
        }
        // A training whose weights become non-finite, or whose train loss rises above M₀'s where that is asked for, is restarted from
        // M₀ at half the rate; the best state over every attempt is kept (M₀ itself at worst).
        MidpointResult? best = null;
        var lr = options.Training.Optimizer.LearningRate;
        var bestLr = lr;
        var restarts = 0;
        for (var attempt = 0; attempt <= DivergenceRetries; attempt++, lr /= 2)
        {
            restarts = attempt;
            var training = options.Training with { Optimizer = options.Training.Optimizer with { LearningRate = lr } };
            var result = MidpointTraining.Train(evaluator.Architecture, start, train, training, options.ChecksPerEpoch, progress, cancel,
                options.RestartOnLossRise);
            // At equal error an attempt that ran its course is preferred (its rate is the one reported).
            if (best is null || result.TrainError < best.TrainError || (best.Stopped && !result.Stopped && result.TrainError <= best.TrainError))
            {
                if (best is not null) foreach (var t in best.State.Values) t.Dispose();
                (best, bestLr) = (result, lr);
            }
            else foreach (var t in result.State.Values) t.Dispose();
            if (!result.Stopped) break;
        }
        foreach (var t in start.Values) t.Dispose();
        var state = rescaled ? UnitNormalization.Normalize(layout, best!.State, normalization) : best!.State;
        if (!ReferenceEquals(state, best.State)) foreach (var t in best.State.Values) t.Dispose();
        return new OptimizedMidpoint(state, best.StartTrainError, best.TrainError, best.Converged, best.Steps, bestLr, 0, 0)
        {
            Diverged = best.Diverged,
            Unstable = best.Unstable,
            Restarts = restarts,
        };
    }
}
